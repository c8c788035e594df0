import { expectedVersion } from '@hearth/persistence';
import { createZodDto } from 'nestjs-zod';
import { landlordDetailsSchema } from '../register-landlord/register-landlord.dto';

/** What an owner who signed up gives after signing in (the registration form without kind and language, already known). */
export class CompleteLandlordDetailsDto extends createZodDto(
  landlordDetailsSchema.extend({ expectedVersion }).strict(),
) {}
