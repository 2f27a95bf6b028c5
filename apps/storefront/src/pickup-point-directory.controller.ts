import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, CATALOG, CatalogQueries } from '@gx/application';
import { ApiOp, Public } from '@gx/platform';
import { PickupPointListView, PickupPointView } from './storefront.views';

/** Where goods can be picked up: every consumer chooses one, so anyone may read them. */
@ApiTags('pickup points')
@Public()
@Controller('pickup-points')
export class PickupPointDirectoryController {
  constructor(private readonly catalog: CatalogQueries) {}

  @Get()
  @ApiOp({ summary: 'List pickup points', description: 'Every pickup point with its name, the village point that holds its goods, and its opening hours (public).', answer: PickupPointListView })
  async list(@Query() query: AfterQueryDto) {
    return { items: await this.catalog.list(CATALOG.pickupPoints, {}, query.after) };
  }

  @Get(':code')
  @ApiOp({ summary: 'One pickup point', answer: PickupPointView, params: { code: 'pickup point code' }, errors: ['NOT_FOUND'] })
  async get(@Param('code') code: string, @Query() query: AfterQueryDto) {
    const point = await this.catalog.get(CATALOG.pickupPoints, code, query.after);
    if (!point) throw new NotFoundException(`no pickup point ${code}`);
    return point;
  }
}
