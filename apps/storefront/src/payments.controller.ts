import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { GroupBuyPayments } from '@gx/application';
import { InvalidSignatureError } from '@gx/payments';
import { Ctx, ProblemException, Public, type RequestContext } from '@gx/platform';

/** Stripe webhooks: signed events only, verified on the raw request body. */
@ApiExcludeController()
@Controller('payments/stripe')
export class PaymentsController {
  constructor(private readonly payments: GroupBuyPayments) {}

  @Public()
  @Post('webhook')
  @HttpCode(200)
  async webhook(@Req() request: RawBodyRequest<FastifyRequest>, @Headers('stripe-signature') signature: string | undefined, @Ctx() ctx: RequestContext) {
    if (!this.payments.online) throw new ProblemException(404, 'NOT_CONFIGURED', 'online payments are not configured here');
    if (!request.rawBody) throw new ProblemException(400, 'INVALID_SIGNATURE', 'the webhook has no body to verify');
    try {
      return { received: true, ...(await this.payments.webhook(request.rawBody, signature, ctx.now, ctx.correlationId)) };
    } catch (e) {
      if (e instanceof InvalidSignatureError) throw new ProblemException(400, 'INVALID_SIGNATURE', e.message);
      throw e;
    }
  }
}
