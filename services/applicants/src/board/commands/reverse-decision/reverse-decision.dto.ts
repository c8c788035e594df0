import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { justification } from '../record-decision/record-decision.dto';

export class ReverseBoardDecisionDto extends createZodDto(z.object({ justification }).strict()) {}
