import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isServiceArea, PutVendorProfileRequest, toServiceArea } from './vendor-profile.request.js';

const valid = {
  business_name: 'Hughes Plumbing',
  trade_categories: ['Plumbing'],
  phone: '07911 123456',
  postcode: 'SW1A 1AA',
  service_areas: ['SW'],
  service_radius_miles: 10,
};

const failing = (data: object): string[] =>
  validateSync(plainToInstance(PutVendorProfileRequest, data)).map((error) => error.property);

describe('service areas', () => {
  it.each(['M', 'SW', 'E1', 'W1A', 'SW1A', 'EC1A', 'B33', 'CR0', 'BT1', 'ZE2', 'sw1a', ' e1 '])(
    'accepts %p',
    (area) => {
      expect(isServiceArea(area)).toBe(true);
    },
  );

  it.each(['', 'S W', 'SW1A 1AA', 'SW1AA', 'SWW', '1A', 'QA', 'XY1', 'AZ', 'SW-1', 7, null])(
    'refuses %p',
    (area) => {
      expect(isServiceArea(area)).toBe(false);
    },
  );

  it('normalises to upper case without spaces around', () => {
    expect(toServiceArea(' sw1a ')).toBe('SW1A');
  });

  it('treats areas that differ only in case as duplicates', () => {
    expect(failing({ ...valid, service_areas: ['SW', 'sw'] })).toEqual(['service_areas']);
    expect(failing({ ...valid, service_areas: ['SW', 'SW1'] })).toEqual([]);
  });

  it('refuses duplicate trades and more areas than allowed', () => {
    expect(failing({ ...valid, trade_categories: ['Plumbing', 'Plumbing'] })).toEqual([
      'trade_categories',
    ]);
    const areas = Array.from({ length: 51 }, (_, index) => `E${index + 1}`);
    expect(failing({ ...valid, service_areas: areas.slice(0, 50) })).toEqual([]);
    expect(failing({ ...valid, service_areas: areas })).toEqual(['service_areas']);
  });
});
