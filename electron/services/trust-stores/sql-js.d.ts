/** The part of sql.js (asm.js build: no .wasm file to ship beside the bundle) the NSS reader uses. */
declare module 'sql.js/dist/sql-asm.js' {
  export interface QueryResult {
    readonly columns: string[];
    readonly values: (Uint8Array | string | number | null)[][];
  }
  export interface Database {
    exec(sql: string): QueryResult[];
    close(): void;
  }
  export interface SqlJsStatic {
    readonly Database: new (data: Uint8Array) => Database;
  }
  export default function initSqlJs(): Promise<SqlJsStatic>;
}
