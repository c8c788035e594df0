import { z } from 'zod';
import { pageSchema, toPage } from './page';
import { pageQuery, pageQuerySchema } from './page-query.schema';

describe('pagination', () => {
  it('defaults to the first 20 items', () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: 20, offset: 0 });
  });

  it('coerces query-string numbers', () => {
    expect(pageQuerySchema.parse({ limit: '50', offset: '100' })).toEqual({ limit: 50, offset: 100 });
  });

  it.each([{ limit: '0' }, { limit: '101' }, { limit: '2.5' }, { limit: 'all' }, { offset: '-1' }])(
    'rejects out-of-range paging %j',
    (query) => {
      expect(pageQuerySchema.safeParse(query).success).toBe(false);
    },
  );

  it('merges an endpoint’s filters with paging', () => {
    const schema = pageQuery({ status: z.enum(['available', 'let']).optional() });

    expect(schema.parse({ status: 'let', limit: '5' })).toEqual({ status: 'let', limit: 5, offset: 0 });
    expect(schema.safeParse({ status: 'gone' }).success).toBe(false);
  });

  it('wraps a page of items with the total and the paging used', () => {
    const page = toPage(['a', 'b'], 7, { limit: 2, offset: 4 });

    expect(page).toEqual({ items: ['a', 'b'], total: 7, limit: 2, offset: 4 });
    expect(pageSchema(z.string()).parse(page)).toEqual(page);
  });
});
