import { Module } from '@nestjs/common';
import { IdentityModule, KernelModule } from '@gx/application';
import { PlatformModule } from '@gx/platform';

/** 电商运营公司: community group buys (campaigns, orders and pickup arrive with their issue). */
@Module({
  imports: [PlatformModule.forRoot({ app: 'storefront', login: true }), KernelModule.forRoot(), IdentityModule],
})
export class StorefrontModule {}
