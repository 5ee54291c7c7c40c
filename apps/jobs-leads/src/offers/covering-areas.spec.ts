import { coveringAreas } from './covering-areas.js';

describe('areas covering a postcode', () => {
  it.each([
    ['SW1A 1AA', ['SW', 'SW1', 'SW1A']],
    ['M1 1AE', ['M', 'M1']],
    ['EC1A 1BB', ['EC', 'EC1', 'EC1A']],
  ])('%s is covered by %p', (postcode, areas) => {
    expect(coveringAreas(postcode)).toEqual(areas);
  });
});
