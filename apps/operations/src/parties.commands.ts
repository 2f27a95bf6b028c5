import { Command, CommandHandler } from '@nestjs/cqrs';
import {
  ResultOf,
  CatalogCommands,
  commandContextOf,
  openKitchenContact,
  PersonalDataVault,
  sealKitchenContact,
  UserAdmin,
} from '@gx/application';
import { ProblemException, type RequestContext } from '@gx/platform';
import { ErasureRequest } from './people.controller';
import { CreateKitchenDto, CreateLeaderDto, UpdateKitchenDto, UpdatePickupPointDto } from './parties.dto';

/** Latitude and longitude come as a pair: one without the other is a bad request naming the missing one. */
export function requireCoordinatePair(body: { lat?: number; lng?: number }): void {
  if ((body.lat === undefined) === (body.lng === undefined)) return;
  const field = body.lat === undefined ? 'lat' : 'lng';
  throw new ProblemException(400, 'VALIDATION_FAILED', `${field} is required with ${field === 'lat' ? 'lng' : 'lat'}`, {
    errors: [{ field, message: 'latitude and longitude come together' }],
  });
}

/** Register a kitchen */
export class PartiesCreateKitchenCommand extends Command<ResultOf<PartiesCreateKitchenHandler>> {
  constructor(
    readonly body: CreateKitchenDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PartiesCreateKitchenCommand)
export class PartiesCreateKitchenHandler {
  constructor(
    private readonly commands: CatalogCommands,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ body, ctx }: { body: CreateKitchenDto; ctx: RequestContext }) {
    const contact = { name: body.contact.name, phone: body.contact.phone };
    const data = { code: body.code, name: body.name, kind: body.kind, address: body.address };
    // The contact person's name and phone are personal data: sealed in the event, answered in clear.
    const { position } = await this.commands.registerKitchen(
      {
        ...data,
        contact: await sealKitchenContact(
          this.vault,
          await this.commands.kitchenContactSubject(body.code),
          contact,
          ctx.now.toISOString(),
        ),
      },
      commandContextOf(ctx, 'register-kitchen'),
    );
    return { ...data, contact, position };
  }
}

/** Edit a kitchen */
export class PartiesUpdateKitchenCommand extends Command<ResultOf<PartiesUpdateKitchenHandler>> {
  constructor(
    readonly code: string,
    readonly body: UpdateKitchenDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PartiesUpdateKitchenCommand)
export class PartiesUpdateKitchenHandler {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly commands: CatalogCommands,
  ) {}

  async execute({ code, body, ctx }: { code: string; body: UpdateKitchenDto; ctx: RequestContext }) {
    const changes = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.kind !== undefined && { kind: body.kind }),
      ...(body.address !== undefined && { address: body.address }),
    };
    if (body.contact !== undefined) {
      // A sealed value differs at every sealing: compare the contact in clear, so an edit changing nothing appends nothing.
      const current = await openKitchenContact(this.vault, await this.commands.kitchen(code, 'code', 'NOT_FOUND'));
      if (current.contact.name !== body.contact.name || current.contact.phone !== body.contact.phone) {
        const subject = await this.commands.kitchenContactSubject(code);
        Object.assign(changes, {
          contact: await sealKitchenContact(
            this.vault,
            subject,
            { name: body.contact.name, phone: body.contact.phone },
            ctx.now.toISOString(),
          ),
        });
      }
    }
    const { data, position } = await this.commands.updateKitchen(
      code,
      changes,
      commandContextOf(ctx, `kitchen:${code}`),
    );
    return { ...(await openKitchenContact(this.vault, data)), position };
  }
}

/** Erase the kitchen’s contact person’s data */
export class PartiesEraseKitchenContactCommand extends Command<ResultOf<PartiesEraseKitchenContactHandler>> {
  constructor(
    readonly code: string,
    readonly body: ErasureRequest,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PartiesEraseKitchenContactCommand)
export class PartiesEraseKitchenContactHandler {
  constructor(
    private readonly commands: CatalogCommands,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ code, body, ctx }: { code: string; body: ErasureRequest; ctx: RequestContext }) {
    const { subject, data, position } = await this.commands.eraseKitchenContact(
      code,
      body.reason,
      commandContextOf(ctx, `erase-contact:${code}`),
    );
    // The audit event first, then the key: a failure between the two is completed by erasing again.
    await this.vault.erase(subject, ctx.now.toISOString());
    return { ...(await openKitchenContact(this.vault, data)), position };
  }
}

/** Edit a pickup point */
export class PartiesUpdatePickupPointCommand extends Command<ResultOf<PartiesUpdatePickupPointHandler>> {
  constructor(
    readonly code: string,
    readonly body: UpdatePickupPointDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PartiesUpdatePickupPointCommand)
export class PartiesUpdatePickupPointHandler {
  constructor(private readonly commands: CatalogCommands) {}

  async execute({ code, body, ctx }: { code: string; body: UpdatePickupPointDto; ctx: RequestContext }) {
    requireCoordinatePair(body);
    const changes = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.hours !== undefined && { hours: body.hours }),
      ...(body.address !== undefined && { address: body.address }),
      ...(body.lat !== undefined && body.lng !== undefined && { lat: body.lat, lng: body.lng }),
    };
    const { data, position } = await this.commands.updatePickupPoint(
      code,
      changes,
      commandContextOf(ctx, `pickup-point:${code}`),
    );
    return { ...data, position };
  }
}

/** Create a group leader for a pickup point */
export class PartiesCreateLeaderCommand extends Command<ResultOf<PartiesCreateLeaderHandler>> {
  constructor(
    readonly code: string,
    readonly body: CreateLeaderDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PartiesCreateLeaderCommand)
export class PartiesCreateLeaderHandler {
  constructor(
    private readonly commands: CatalogCommands,
    private readonly users: UserAdmin,
  ) {}

  async execute({ code, body, ctx }: { code: string; body: CreateLeaderDto; ctx: RequestContext }) {
    await this.commands.pickupPoint(code, 'code');
    const user = await this.users.create(
      { ...body, roles: ['leader'], party: code },
      commandContextOf(ctx, 'create-leader'),
    );
    return { ...user, party: code };
  }
}

/** The handlers of the commands of parties.controller.ts, registered in the app module. */
export const PARTIES_COMMAND_HANDLERS = [
  PartiesCreateKitchenHandler,
  PartiesUpdateKitchenHandler,
  PartiesEraseKitchenContactHandler,
  PartiesUpdatePickupPointHandler,
  PartiesCreateLeaderHandler,
];
