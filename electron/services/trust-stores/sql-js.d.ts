/** The part of sql.js (asm.js build: no .wasm file to ship beside the bundle) the NSS reader uses. */
declare module 'sql.js/dist/sql-asm.js' {
  namespace initSqlJs {
    interface QueryResult {
      readonly columns: string[];
      readonly values: (Uint8Array | string | number | null)[][];
    }
    interface Database {
      exec(sql: string): QueryResult[];
      close(): void;
    }
    interface SqlJsStatic {
      readonly Database: new (data: Uint8Array) => Database;
    }
  }
  /** A CommonJS module whose export is the initialiser. */
  function initSqlJs(): Promise<initSqlJs.SqlJsStatic>;
  export = initSqlJs;
}
