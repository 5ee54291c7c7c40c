import type { DomainError } from '#contracts';
import { VendorProfile, type VendorProfileInput } from './vendor-profile.entity.js';

const VENDOR_ID = '01a20373-6448-70ee-bd40-0586b9c3dbcb';

const input: VendorProfileInput = {
  businessName: '  Hughes Plumbing ',
  tradeCategories: ['Plumbing', 'Heating & Gas'],
  phone: '07911 123456',
  postcode: 'sw1a1aa',
  serviceAreas: ['sw', ' Sw1a', 'E1'],
  serviceRadiusMiles: 15,
};

const refusal = (field: string): DomainError =>
  expect.objectContaining({
    code: 'VALIDATION_FAILED',
    status: 400,
    details: { fields: [expect.objectContaining({ field })] },
  }) as unknown as DomainError;

describe('VendorProfile.details', () => {
  it('trims the name, stores the phone as E.164, the postcode normalised and areas upper case', () => {
    expect(VendorProfile.details(input)).toEqual({
      businessName: 'Hughes Plumbing',
      tradeCategories: ['Plumbing', 'Heating & Gas'],
      phone: '+447911123456',
      postcode: 'SW1A 1AA',
      serviceAreas: ['SW', 'SW1A', 'E1'],
      serviceRadiusMiles: 15,
    });
  });

  it.each(['   ', ' a ', '😀'])('refuses the name %p, too short once trimmed', (businessName) => {
    expect(() => VendorProfile.details({ ...input, businessName })).toThrow(
      refusal('business_name'),
    );
  });

  it('refuses a phone or postcode that reached it unvalidated', () => {
    expect(() => VendorProfile.details({ ...input, phone: '12345' })).toThrow(refusal('phone'));
    expect(() => VendorProfile.details({ ...input, postcode: 'NOT A POSTCODE' })).toThrow(
      refusal('postcode'),
    );
  });
});

describe('VendorProfile.replace', () => {
  const created = new Date('2026-11-22T10:00:00Z');
  const later = new Date('2026-11-23T10:00:00Z');
  const details = VendorProfile.details(input);

  it('leaves a profile given the same details exactly as it was', () => {
    const profile = VendorProfile.create(VENDOR_ID, details, created);
    profile.replace(VendorProfile.details(input), later);
    expect(profile).toMatchObject({ ...details, createdAt: created, updatedAt: created });
  });

  it('replaces every detail and stamps the time when anything differs', () => {
    const profile = VendorProfile.create(VENDOR_ID, details, created);
    const next = VendorProfile.details({
      ...input,
      serviceAreas: ['E1', 'SW', 'SW1A'],
      serviceRadiusMiles: 30,
    });
    profile.replace(next, later);
    expect(profile).toMatchObject({ ...next, createdAt: created, updatedAt: later });
  });

  it('keeps the rating, which reviews set and vendors cannot', () => {
    const profile = VendorProfile.create(VENDOR_ID, details, created);
    profile.rating = 4.5;
    profile.replace(VendorProfile.details({ ...input, businessName: 'Hughes & Sons' }), later);
    expect(profile.rating).toBe(4.5);
    expect(profile.businessName).toBe('Hughes & Sons');
  });
});
