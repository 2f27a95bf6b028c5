import { Command, CommandHandler } from '@nestjs/cqrs';
import type { RawBodyRequest } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ResultOf, GroupBuyPayments } from '@gx/application';
import { InvalidSignatureError } from '@gx/payments';
import { ProblemException, type RequestContext } from '@gx/platform';

/** A Stripe webhook event (signature verified against the raw body) */
export class PaymentsWebhookCommand extends Command<ResultOf<PaymentsWebhookHandler>> {
  constructor(
    readonly request: RawBodyRequest<FastifyRequest>,
    readonly signature: string | undefined,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PaymentsWebhookCommand)
export class PaymentsWebhookHandler {
  constructor(private readonly payments: GroupBuyPayments) {}

  async execute({
    request,
    signature,
    ctx,
  }: {
    request: RawBodyRequest<FastifyRequest>;
    signature: string | undefined;
    ctx: RequestContext;
  }) {
    if (!this.payments.online)
      throw new ProblemException(404, 'NOT_CONFIGURED', 'online payments are not configured here');
    if (!request.rawBody) throw new ProblemException(400, 'INVALID_SIGNATURE', 'the webhook has no body to verify');
    try {
      return {
        received: true,
        ...(await this.payments.webhook(request.rawBody, signature, ctx.now, ctx.correlationId)),
      };
    } catch (e) {
      if (e instanceof InvalidSignatureError) throw new ProblemException(400, 'INVALID_SIGNATURE', e.message);
      throw e;
    }
  }
}

/** The handlers of the commands of payments.controller.ts, registered in the app module. */
export const PAYMENTS_COMMAND_HANDLERS = [PaymentsWebhookHandler];
