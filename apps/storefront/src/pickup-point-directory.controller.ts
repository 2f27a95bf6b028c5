import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Public } from '@gx/platform';
import { PickupPointListView, PickupPointView } from './storefront.views';
import { PickupPointDirectoryListQuery, PickupPointDirectoryGetQuery } from './pickup-point-directory.queries';

/** Where goods can be picked up: every consumer chooses one, so anyone may read them. */
@ApiTags('pickup points')
@Public()
@Controller('pickup-points')
export class PickupPointDirectoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOp({
    summary: 'List pickup points',
    description:
      'Every pickup point with its name, the village point that holds its goods, and its opening hours (public).',
    answer: PickupPointListView,
  })
  list(@Query() query: AfterQueryDto) {
    return this.queryBus.execute(new PickupPointDirectoryListQuery(query));
  }

  @Get(':code')
  @ApiOp({
    summary: 'One pickup point',
    answer: PickupPointView,
    params: { code: 'pickup point code' },
    errors: ['NOT_FOUND'],
  })
  get(@Param('code') code: string, @Query() query: AfterQueryDto) {
    return this.queryBus.execute(new PickupPointDirectoryGetQuery(code, query));
  }
}
