import { text } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class ImportStatementDto extends createZodDto(
  z
    .object({
      format: z.enum(['csv', 'camt053']).describe('CSV export (date, amount, reference columns) or ISO 20022 camt.053 XML'),
      fileName: text({ max: 200 }).describe('The file’s name, for the import history'),
      content: z.string().min(1, 'must not be empty').max(20_000_000, 'must be at most 20,000,000 characters').describe('The file’s text'),
    })
    .strict(),
) {}
