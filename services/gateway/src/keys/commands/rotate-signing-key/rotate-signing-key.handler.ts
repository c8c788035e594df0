import { ApiProblemResponses } from '@hearth/platform';
import { Roles } from '@hearth/auth';
import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SigningKeys } from '../../signing-keys';

export interface SigningKeyView {
  kid: string;
  algorithm: string;
  createdAt: Date;
  activatesAt: Date;
  retiresAt: Date | null;
}

export class RotateSigningKeyCommand extends Command<SigningKeyView> {}

/** An admin rotates the signing key now (e.g. after a suspected leak), instead of waiting for KEY_ROTATION_DAYS. */
@CommandHandler(RotateSigningKeyCommand)
export class RotateSigningKeyHandler implements ICommandHandler<RotateSigningKeyCommand> {
  constructor(private readonly keys: SigningKeys) {}

  async execute(): Promise<SigningKeyView> {
    const { kid, algorithm, createdAt, activatesAt, retiresAt } = await this.keys.rotate();
    return { kid, algorithm, createdAt, activatesAt, retiresAt };
  }
}

@ApiTags('keys')
@ApiProblemResponses()
@Controller('signing-keys')
@Roles('sra_admin')
export class RotateSigningKeyController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly keys: SigningKeys,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The published keys with when each signs and retires (no key material)' })
  async list(): Promise<SigningKeyView[]> {
    return (await this.keys.published()).map(({ kid, algorithm, createdAt, activatesAt, retiresAt }) => ({ kid, algorithm, createdAt, activatesAt, retiresAt }));
  }

  @Post('rotate')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The new key: published now, signing from activatesAt; the old one retires once its tokens have expired' })
  rotate() {
    return this.commandBus.execute(new RotateSigningKeyCommand());
  }
}
