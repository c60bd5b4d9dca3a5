// Each domain keeps its tables in its own file; drizzle-kit reads the whole folder.
export * from './core';
export * from './programs';
export * from './surveys';
export * from './stakeholders';
export * from './requests';
export * from './reach';
export * from './delivery';
export * from './dashboard';
export * from './reports';
export * from './voices';
export * from './policies';
