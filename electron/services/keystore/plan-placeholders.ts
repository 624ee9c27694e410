/**
 * Stand-ins in a plan's argv: the edit runs keytool on a private copy beside the store and on scratch
 * files, whose names exist only while it runs. A module of its own so the CLI's plan printers load no
 * certificate code.
 */
export const PLAN_PLACEHOLDERS = { storeCopy: '<store-copy>', scratch: '<scratch>' } as const;
