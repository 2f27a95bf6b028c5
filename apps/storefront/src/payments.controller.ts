import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Ctx, Public, type RequestContext } from '@gx/platform';
import { PaymentsWebhookCommand } from './payments.commands';

/** Stripe webhooks: signed events only, verified on the raw request body. */
@ApiExcludeController()
@Controller('payments/stripe')
export class PaymentsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Public()
  @Post('webhook')
  @HttpCode(200)
  webhook(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commandBus.execute(new PaymentsWebhookCommand(request, signature, ctx));
  }
}
