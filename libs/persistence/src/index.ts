export * from './database-url';
export * from './ensure-database';
export * from './run-migrations';
export * from './unit-of-work';
export * from './versioned-entity';
export * from './save-versioned';
export * from './database.module';
