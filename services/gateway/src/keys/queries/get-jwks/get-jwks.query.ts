import { ApiProblemResponses } from '@hearth/platform';
import { Public, TOKEN_ALGORITHMS } from '@hearth/auth';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { JSONWebKeySet } from 'jose';
import type { GatewayConfig } from '../../../config';
import { GATEWAY_CONFIG } from '../../../gateway.tokens';
import { SigningKeys } from '../../signing-keys';

export class GetJwksQuery extends Query<JSONWebKeySet> {}

@QueryHandler(GetJwksQuery)
export class GetJwksHandler implements IQueryHandler<GetJwksQuery> {
  constructor(private readonly keys: SigningKeys) {}

  async execute(): Promise<JSONWebKeySet> {
    return { keys: (await this.keys.published()).map((key) => key.publicJwk) };
  }
}

/** The public keys services verify tokens with, and the OpenID Connect discovery document that names them. */
@ApiTags('keys')
@ApiProblemResponses()
@Controller('.well-known')
@Public()
export class GetJwksController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOkResponse({ description: 'Every published key: the signing one, a new one before it signs, an old one until its tokens expire' })
  jwks() {
    return this.queryBus.execute(new GetJwksQuery());
  }

  @Get('openid-configuration')
  @Header('Cache-Control', 'public, max-age=300')
  discovery() {
    const issuer = this.config.AUTH_ISSUER.replace(/\/$/, '');
    return {
      issuer: this.config.AUTH_ISSUER,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/auth/sign-in`,
      id_token_signing_alg_values_supported: [...TOKEN_ALGORITHMS],
      subject_types_supported: ['public'],
      response_types_supported: ['token'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'jti', 'role', 'landlordId', 'sid'],
    };
  }
}
