/**
 * Beneficiaries' requests: the register, its timeline and the promised response time.
 * Split by domain: channels, SLA settings, the register (intake and timeline verbs), lists and
 * export. This module re-exports them all: routes import `$lib/server/requests`.
 */
export * from './lifecycle';
export * from './channels';
export * from './sla-settings';
export * from './register';
export * from './list';
export type { Actor } from '../audit';
export * from './types';
