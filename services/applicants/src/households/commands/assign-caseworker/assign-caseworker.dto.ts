import { text } from '@hearth/platform';
import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class AssignCaseworkerDto extends createZodDto(
  z
    .object({
      expectedVersion,
      caseworkerId: text({ max: 100 }).nullable().describe('The caseworker’s user id (token subject); null to unassign'),
    })
    .strict(),
) {}
