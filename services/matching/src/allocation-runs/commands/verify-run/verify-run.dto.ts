import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** The run is named in the path; the body is empty. */
export class VerifyRunDto extends createZodDto(z.object({}).strict()) {}
