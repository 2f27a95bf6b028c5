import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import type { KitchenContact } from '@gx/domain';
import {
  ResultOf,
  AfterQueryDto,
  CATALOG,
  CatalogCommands,
  CatalogQueries,
  openKitchenContact,
  PersonalDataVault,
  type PickupPointLeaderDoc,
} from '@gx/application';
import { PickupPointView } from './operations.views';
import { KitchenView, PickupPointLeaderListView } from './parties.dto';
import type { KitchenListQueryDto } from './parties.controller';

/** A kitchen document as the read model keeps it: its contact still sealed. */
type KitchenDocOf<V> = Omit<V, 'contact'> & { contact: KitchenContact };

/** List kitchens */
export class PartiesListKitchensQuery extends Query<ResultOf<PartiesListKitchensHandler>> {
  constructor(readonly query: KitchenListQueryDto) {
    super();
  }
}

@QueryHandler(PartiesListKitchensQuery)
export class PartiesListKitchensHandler {
  constructor(
    private readonly queries: CatalogQueries,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ query }: { query: KitchenListQueryDto }) {
    const docs = (await this.queries.list(
      CATALOG.kitchens,
      query.kind ? { kind: query.kind } : {},
      query.after,
    )) as unknown as KitchenDocOf<KitchenView>[];
    return { items: await Promise.all(docs.map((doc) => openKitchenContact(this.vault, doc))) };
  }
}

/** One kitchen */
export class PartiesGetKitchenQuery extends Query<ResultOf<PartiesGetKitchenHandler>> {
  constructor(
    readonly code: string,
    readonly query: AfterQueryDto,
  ) {
    super();
  }
}

@QueryHandler(PartiesGetKitchenQuery)
export class PartiesGetKitchenHandler {
  constructor(
    private readonly queries: CatalogQueries,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ code, query }: { code: string; query: AfterQueryDto }) {
    const kitchen = await this.queries.get(CATALOG.kitchens, code, query.after);
    if (!kitchen) throw new NotFoundException(`no kitchen ${code}`);
    return openKitchenContact(this.vault, kitchen as unknown as KitchenDocOf<KitchenView>);
  }
}

/** One pickup point */
export class PartiesGetPickupPointQuery extends Query<ResultOf<PartiesGetPickupPointHandler>> {
  constructor(
    readonly code: string,
    readonly query: AfterQueryDto,
  ) {
    super();
  }
}

@QueryHandler(PartiesGetPickupPointQuery)
export class PartiesGetPickupPointHandler {
  constructor(private readonly queries: CatalogQueries) {}

  async execute({ code, query }: { code: string; query: AfterQueryDto }) {
    const point = await this.queries.get(CATALOG.pickupPoints, code, query.after);
    if (!point) throw new NotFoundException(`no pickup point ${code}`);
    return point as unknown as PickupPointView;
  }
}

/** A pickup point’s group leaders */
export class PartiesListLeadersQuery extends Query<ResultOf<PartiesListLeadersHandler>> {
  constructor(
    readonly code: string,
    readonly query: AfterQueryDto,
  ) {
    super();
  }
}

@QueryHandler(PartiesListLeadersQuery)
export class PartiesListLeadersHandler {
  constructor(
    private readonly commands: CatalogCommands,
    private readonly queries: CatalogQueries,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ code, query }: { code: string; query: AfterQueryDto }) {
    await this.commands.pickupPoint(code, 'code');
    const items = (await this.queries.list(
      CATALOG.pickupPointLeaders,
      { pickupPoint: code },
      query.after,
    )) as unknown as PickupPointLeaderDoc[];
    // Display names are personal data, sealed in the read model: opened here (an erased one reads 已删除).
    const names = await this.vault.openAll(items.map((leader) => leader.displayName));
    return {
      items: items.map((leader, i) => ({
        ...leader,
        displayName: names[i] ?? leader.username,
      })) as unknown as PickupPointLeaderListView['items'],
    };
  }
}

/** The handlers of the queries of parties.controller.ts, registered in the app module. */
export const PARTIES_QUERY_HANDLERS = [
  PartiesListKitchensHandler,
  PartiesGetKitchenHandler,
  PartiesGetPickupPointHandler,
  PartiesListLeadersHandler,
];
