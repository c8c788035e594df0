import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class UserStatusChangeDto extends createZodDto(z.object({ expectedVersion }).strict()) {}
