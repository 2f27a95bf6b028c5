import { FakeApiError, invalidRequest, noSuch } from './errors';
import type { FormObject } from './form';
import {
  metadataOf,
  onlyKnown,
  optionalObject,
  optionalString,
  optionalStringList,
  requiredPositiveInt,
} from './params';
import { newId, nowSeconds, type FakeIntent, type FakeStore, type RequestOrigin } from './store';

const CREATE_PARAMS = [
  'amount',
  'currency',
  'allowed_payment_method_types',
  'automatic_payment_methods',
  'payment_method_types',
  'payment_method_options',
  'description',
  'metadata',
  'receipt_email',
  'expand',
];
const KNOWN_METHOD_TYPES = [
  'alipay',
  'bancontact',
  'card',
  'eps',
  'ideal',
  'klarna',
  'link',
  'p24',
  'paypal',
  'sepa_debit',
  'wechat_pay',
];
/** What `allowed_payment_method_types` is filtered down to per currency (Stripe filters silently). */
const COMPATIBLE: Record<string, readonly string[]> = { cny: ['card', 'alipay', 'wechat_pay'] };
const CANCELABLE = new Set<FakeIntent['status']>([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
]);
const CANCELLATION_REASONS = ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'];
/** Stripe's test payment methods the fake understands on confirm. */
const TEST_CARDS: Record<string, 'succeed' | 'decline'> = {
  pm_card_visa: 'succeed',
  pm_card_mastercard: 'succeed',
  pm_card_chargeDeclined: 'decline',
  pm_card_visa_chargeDeclined: 'decline',
};

/** The intent with that id, or Stripe's 404. */
export function intentOf(store: FakeStore, id: string): FakeIntent {
  const intent = store.intents.get(id);
  if (intent === undefined) throw noSuch('payment_intent', id, 'intent');
  return intent;
}

function methodOptions(params: FormObject): Record<string, unknown> {
  const options = optionalObject(params, 'payment_method_options') ?? {};
  const result: Record<string, unknown> = {};
  for (const type of Object.keys(options)) {
    if (!KNOWN_METHOD_TYPES.includes(type))
      throw invalidRequest(`Received unknown parameter: payment_method_options[${type}]`, 'parameter_unknown');
    const option = optionalObject(options, type) ?? {};
    if (type === 'wechat_pay') {
      const client = optionalString(option, 'client');
      if (client !== undefined && !['web', 'ios', 'android'].includes(client)) {
        throw invalidRequest(
          `Invalid payment_method_options[wechat_pay][client]: must be one of web, ios, or android`,
          'parameter_invalid_string',
          'payment_method_options[wechat_pay][client]',
        );
      }
      result[type] = { app_id: optionalString(option, 'app_id') ?? null, client: client ?? null };
    } else {
      result[type] = { ...option };
    }
  }
  return result;
}

/** POST /v1/payment_intents. */
export function createIntent(store: FakeStore, params: FormObject, origin: RequestOrigin): FakeIntent {
  onlyKnown(params, CREATE_PARAMS);
  if (params.payment_method_types !== undefined) {
    throw invalidRequest(
      'payment_method_types is no longer supported on this API version. Use allowed_payment_method_types or dynamic payment methods instead.',
      'payment_method_types_no_longer_supported',
      'payment_method_types',
    );
  }
  const amount = requiredPositiveInt(params, 'amount');
  const currency = optionalString(params, 'currency')?.toLowerCase();
  if (currency === undefined)
    throw invalidRequest('Missing required param: currency.', 'parameter_missing', 'currency');
  const allowed = optionalStringList(params, 'allowed_payment_method_types');
  if (allowed !== undefined && params.automatic_payment_methods !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: allowed_payment_method_types, automatic_payment_methods.',
      'parameters_exclusive',
      'allowed_payment_method_types',
    );
  }
  for (const [i, type] of (allowed ?? []).entries()) {
    if (!KNOWN_METHOD_TYPES.includes(type))
      throw invalidRequest(
        `Invalid allowed_payment_method_types[${i}]: ${type}`,
        'parameter_invalid_string',
        `allowed_payment_method_types[${i}]`,
      );
  }
  const compatible = COMPATIBLE[currency];
  const id = newId('pi');
  const intent: FakeIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: 0,
    allowed_payment_method_types: allowed ?? null,
    automatic_payment_methods: allowed === undefined ? { enabled: true } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${newId('s').slice(2)}`,
    confirmation_method: 'automatic',
    created: nowSeconds(),
    currency,
    description: optionalString(params, 'description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: metadataOf(params),
    next_action: null,
    payment_method: null,
    payment_method_options: methodOptions(params),
    payment_method_types: (allowed ?? ['card']).filter((t) => compatible === undefined || compatible.includes(t)),
    receipt_email: optionalString(params, 'receipt_email') ?? null,
    status: 'requires_payment_method',
  };
  store.intents.set(id, intent);
  store.emit('payment_intent.created', intent, origin);
  return intent;
}

/** POST /v1/payment_intents/:id/cancel. */
export function cancelIntent(store: FakeStore, id: string, params: FormObject, origin: RequestOrigin): FakeIntent {
  onlyKnown(params, ['cancellation_reason', 'expand']);
  const intent = intentOf(store, id);
  const reason = optionalString(params, 'cancellation_reason');
  if (reason !== undefined && !CANCELLATION_REASONS.includes(reason)) {
    throw invalidRequest(
      `Invalid cancellation_reason: must be one of ${CANCELLATION_REASONS.join(', ')}`,
      'parameter_invalid_string',
      'cancellation_reason',
    );
  }
  if (!CANCELABLE.has(intent.status)) {
    throw new FakeApiError(
      400,
      'invalid_request_error',
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${[...CANCELABLE].join(', ')}.`,
      'payment_intent_unexpected_state',
      undefined,
      false,
      { payment_intent: structuredClone(intent) },
    );
  }
  const previous = { status: intent.status };
  Object.assign(intent, {
    status: 'canceled',
    canceled_at: nowSeconds(),
    cancellation_reason: reason ?? null,
    next_action: null,
  });
  store.emit('payment_intent.canceled', intent, origin, previous);
  return intent;
}

/** Move an intent to succeeded with a charge (what a customer completing payment does). */
export function succeedIntent(
  store: FakeStore,
  id: string,
  origin: RequestOrigin,
  paymentMethod = newId('pm'),
): FakeIntent {
  const intent = intentOf(store, id);
  if (intent.status === 'succeeded' || intent.status === 'canceled') {
    throw new Error(`cannot succeed ${id}: it is ${intent.status}`);
  }
  const charge = {
    id: newId('ch'),
    object: 'charge' as const,
    amount: intent.amount,
    amount_captured: intent.amount,
    amount_refunded: 0,
    captured: true as const,
    created: nowSeconds(),
    currency: intent.currency,
    description: intent.description,
    livemode: false as const,
    // Stripe copies the intent's metadata onto the charge it creates.
    metadata: { ...intent.metadata },
    paid: true as const,
    payment_intent: intent.id,
    payment_method: paymentMethod,
    refunded: false,
    status: 'succeeded' as const,
  };
  store.charges.set(charge.id, charge);
  const previous = { status: intent.status };
  Object.assign(intent, {
    status: 'succeeded',
    amount_received: intent.amount,
    latest_charge: charge.id,
    payment_method: paymentMethod,
    last_payment_error: null,
    next_action: null,
  });
  store.emit('charge.succeeded', charge, origin);
  store.emit('payment_intent.succeeded', intent, origin, previous);
  return intent;
}

/** Record a failed payment attempt: the intent goes back to requires_payment_method. */
export function failIntent(
  store: FakeStore,
  id: string,
  origin: RequestOrigin,
  code = 'card_declined',
  message = 'Your card was declined.',
): FakeIntent {
  const intent = intentOf(store, id);
  if (intent.status === 'succeeded' || intent.status === 'canceled')
    throw new Error(`cannot fail ${id}: it is ${intent.status}`);
  const previous = { status: intent.status };
  Object.assign(intent, {
    status: 'requires_payment_method',
    payment_method: null,
    next_action: null,
    last_payment_error: { type: 'card_error', code, decline_code: 'generic_decline', message },
  });
  store.emit('payment_intent.payment_failed', intent, origin, previous);
  return intent;
}

/**
 * POST /v1/payment_intents/:id/confirm, for Stripe's test cards (`pm_card_visa` succeeds,
 * `pm_card_chargeDeclined` declines with a 402) and for WeChat Pay / Alipay, which wait for the
 * customer (requires_action) until a test helper settles them. WeChat Pay needs the client type.
 */
export function confirmIntent(store: FakeStore, id: string, params: FormObject, origin: RequestOrigin): FakeIntent {
  onlyKnown(params, ['payment_method', 'payment_method_data', 'payment_method_options', 'return_url', 'expand']);
  const intent = intentOf(store, id);
  if (!['requires_payment_method', 'requires_confirmation'].includes(intent.status)) {
    throw invalidRequest(
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}.`,
      'payment_intent_unexpected_state',
    );
  }
  const methodData = optionalObject(params, 'payment_method_data');
  const paymentMethod = optionalString(params, 'payment_method');
  const type =
    methodData !== undefined ? optionalString(methodData, 'type') : paymentMethod !== undefined ? 'card' : undefined;
  if (type === undefined)
    throw invalidRequest(
      'You must provide a payment method to confirm this PaymentIntent.',
      'parameter_missing',
      'payment_method',
    );
  if (!intent.payment_method_types.includes(type)) {
    throw invalidRequest(
      `The PaymentMethod type ${type} is not allowed on this PaymentIntent.`,
      'payment_intent_incompatible_payment_method',
      'payment_method',
    );
  }
  if (type === 'card') {
    const outcome = paymentMethod === undefined ? undefined : TEST_CARDS[paymentMethod];
    if (outcome === undefined) throw noSuch('PaymentMethod', paymentMethod ?? '', 'payment_method');
    if (outcome === 'succeed') return succeedIntent(store, id, origin, paymentMethod);
    const failed = failIntent(store, id, origin);
    throw new FakeApiError(402, 'card_error', 'Your card was declined.', 'card_declined', undefined, true, {
      decline_code: 'generic_decline',
      payment_intent: structuredClone(failed),
    });
  }
  const options = { ...intent.payment_method_options, ...methodOptions(params) };
  if (type === 'wechat_pay') {
    const client = (options.wechat_pay as { client?: string | null } | undefined)?.client;
    if (client === undefined || client === null) {
      throw invalidRequest(
        'payment_method_options[wechat_pay][client] is required to confirm a WeChat Pay payment.',
        'parameter_missing',
        'payment_method_options[wechat_pay][client]',
      );
    }
  } else if (optionalString(params, 'return_url') === undefined) {
    throw invalidRequest(`A return_url is required to confirm a ${type} payment.`, 'parameter_missing', 'return_url');
  }
  const nextAction =
    type === 'wechat_pay'
      ? {
          type: 'wechat_pay_display_qr_code',
          wechat_pay_display_qr_code: { data: `weixin://wxpay/bizpayurl?pr=${intent.id}` },
        }
      : {
          type: 'alipay_handle_redirect',
          alipay_handle_redirect: { url: `https://fake.stripe.test/alipay/${intent.id}` },
        };
  const previous = { status: intent.status };
  Object.assign(intent, {
    status: 'requires_action',
    payment_method: newId('pm'),
    payment_method_options: options,
    next_action: nextAction,
  });
  store.emit('payment_intent.requires_action', intent, origin, previous);
  return intent;
}
