import { date } from '@hearth/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RenewTenancyDto extends createZodDto(
  z
    .object({
      endDate: date().nullable().describe('Last day of the renewed tenancy; null for open-ended'),
      renewedOn: date().optional().describe('Day the renewal was signed; today by default'),
    })
    .strict(),
) {}
