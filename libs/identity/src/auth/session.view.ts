import { ApiProperty } from '@nestjs/swagger';
import { OrganizationView } from '../organizations/organization.view';
import { UserView } from '../users/user.view';

/** The signed-in user and their organization. */
export class MeView {
  @ApiProperty({ type: UserView })
  user!: UserView;

  @ApiProperty({ type: OrganizationView })
  organization!: OrganizationView;
}

/** A sign-in: tokens and who they are for. */
export class Session extends MeView {
  @ApiProperty({ description: 'Bearer token for every request; short-lived (expiresIn).' })
  accessToken!: string;

  @ApiProperty({
    description: 'Trades for a new pair once (POST /auth/refresh); a second use ends the sign-in.',
  })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds the access token lasts.' })
  expiresIn!: number;
}
