export * from './envelope';
export * from './topics';
export * from './event-definition';
export * from './catalogue';
export * from './events/landlord.events';
export * from './events/unit.events';
