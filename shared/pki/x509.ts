/**
 * The one door to @peculiar/x509: it needs the reflect-metadata polyfill loaded first (its
 * dependency injection container reads decorators), so every module imports x509 from here.
 * Run from source, imports evaluate in order; the bundles make tsyringe load it itself
 * (scripts/build.mjs).
 */
import 'reflect-metadata';

export * from '@peculiar/x509';
