import { LandlordSignedUp } from '@hearth/contracts';
import { EventSubscriber, on } from '@hearth/messaging';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OpenSignedUpLandlordCommand } from './open-signed-up-landlord.handler';

@Injectable()
export class GatewayEventsConsumer implements EventSubscriber {
  constructor(private readonly commandBus: CommandBus) {}

  readonly subscriptions = [on(LandlordSignedUp, (e) => this.commandBus.execute(new OpenSignedUpLandlordCommand(e.payload, e.actor)))];
}
