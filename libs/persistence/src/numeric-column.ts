import { ValueTransformer } from 'typeorm';

/** PostgreSQL returns `numeric` columns as strings; entities read and write them as numbers. */
export const numericColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
