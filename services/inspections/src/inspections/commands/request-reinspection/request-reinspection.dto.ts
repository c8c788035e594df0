import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { requestNote } from '../request-inspection/request-inspection.dto';

export class RequestReinspectionDto extends createZodDto(z.object({ note: requestNote.optional() }).strict()) {}
