import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { expectedVersion } from '../schedule-inspection/schedule-inspection.dto';

export class CompleteInspectionDto extends createZodDto(z.object({ expectedVersion }).strict()) {}
