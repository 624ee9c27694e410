/**
 * The one door to @peculiar/x509: it needs the reflect-metadata polyfill loaded first (its
 * dependency injection container reads decorators), so every module imports x509 from here.
 */
import './reflect-polyfill.js';

export * from '@peculiar/x509';
