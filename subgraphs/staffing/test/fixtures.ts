/** The README's worked example: 40 h over Monday–Friday, two partial weeks, time off, hours and percent, one week over. */
export const FIXTURE = {
  staff: { weeklyCapacityHours: '40', workingDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const },
  timeOff: [
    { startDate: '2026-12-10', endDate: '2026-12-10', hoursPerDay: null },
    { startDate: '2026-12-14', endDate: '2026-12-14', hoursPerDay: '4' },
  ],
  allocations: [
    { startDate: '2026-12-01', endDate: '2026-12-31', allocationPercent: '50', hoursPerWeek: null, billable: true },
    { startDate: '2026-12-07', endDate: '2026-12-11', allocationPercent: null, hoursPerWeek: '20', billable: false },
    { startDate: '2026-12-03', endDate: '2026-12-04', allocationPercent: null, hoursPerWeek: '10', billable: true },
  ],
  from: '2026-12-02',
  to: '2026-12-15',
};

/** Worked by hand (see the README's formulas). */
export const EXPECTED = {
  capacityHours: '68.00',
  allocatedHours: '58.00',
  billableHours: '38.00',
  utilization: '0.8529',
  billableShare: '0.5588',
  overAllocated: true,
  weeks: [
    {
      week: '2026-W49',
      weekStart: '2026-11-30',
      capacityHours: '24.00',
      allocatedHours: '16.00',
      billableHours: '16.00',
      utilization: '0.6667',
      billableShare: '0.6667',
      availableHours: '8.00',
      overAllocated: false,
    },
    {
      week: '2026-W50',
      weekStart: '2026-12-07',
      capacityHours: '32.00',
      allocatedHours: '36.00',
      billableHours: '16.00',
      utilization: '1.1250',
      billableShare: '0.5000',
      availableHours: '0.00',
      overAllocated: true,
    },
    {
      week: '2026-W51',
      weekStart: '2026-12-14',
      capacityHours: '12.00',
      allocatedHours: '6.00',
      billableHours: '6.00',
      utilization: '0.5000',
      billableShare: '0.5000',
      availableHours: '6.00',
      overAllocated: false,
    },
  ],
};
