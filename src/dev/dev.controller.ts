import { Body, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { toBerlinIso } from '../common/berlin-time';
import { Clock, TravelClock } from '../common/clock';
import { Endpoint } from '../common/endpoint';

export class SetClockDto {
  @ApiPropertyOptional({ example: '2020-08-12T18:00:00+02:00', description: 'The new "now"; omit to return to real time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'now must be an ISO 8601 time with offset, e.g. 2020-08-12T18:00:00+02:00' })
  now?: string;
}

export class ClockDto {
  @ApiProperty({ format: 'date-time', description: 'Europe/Berlin, ISO 8601 with offset', example: '2020-08-12T18:00:00+02:00' }) now!: string;
  @ApiProperty({ description: 'True when the clock was moved away from real time' }) travelling!: boolean;
}

/**
 * Development on the embedded database only: move the server's clock, so that meetings of 2020 can be
 * held in the README walkthrough. The module is not registered in production.
 */
@ApiTags('development')
@ApiBearerAuth()
@Controller('dev/clock')
export class DevClockController {
  constructor(private readonly clock: Clock) {}

  @Endpoint('GET', '', { summary: 'Development only: the server clock', type: ClockDto, problems: [401] })
  get(): ClockDto {
    return this.view();
  }

  @Endpoint('PUT', '', { summary: 'Development only: move the server clock (it keeps running from there); no body returns to real time', roles: ['admin'], type: ClockDto, problems: [400, 401, 403] })
  set(@Body() body: SetClockDto): ClockDto {
    const clock = this.clock as TravelClock;
    if (body.now) clock.set(body.now);
    else clock.reset();
    return this.view();
  }

  private view(): ClockDto {
    const now = this.clock.now();
    return { now: toBerlinIso(now), travelling: Math.abs(now.getTime() - Date.now()) > 1000 };
  }
}
