/**
 * Loads the reflect-metadata polyfill (a CommonJS script) from an ES module of its own: bundlers
 * place a CommonJS require where the importing module's own code runs, after that module's ES
 * imports, so x509.ts importing it directly would run it after tsyringe, which checks for it.
 */
import 'reflect-metadata';
