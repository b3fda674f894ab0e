import { describe, expect, it } from 'vitest';
import { parseDmidecode, parseDmiSysfs } from '../../../../main/core/probe/parse/dmidecode';
import { parseCpuinfoFlags, parseLscpu } from '../../../../main/core/probe/parse/lscpu';
import { parseMeminfo } from '../../../../main/core/probe/parse/meminfo';
import { hw } from './fixtures';

describe('parseLscpu', () => {
  it('reads the same EPYC 7451 identically in the flat (no tty) and nested (tty) JSON shapes', () => {
    const flat = parseLscpu(hw('lscpu-json/regen-util-linux-dump-amd-epyc-7451-2s-flat.json')).value!;
    const nested = parseLscpu(hw('lscpu-json/regen-util-linux-dump-amd-epyc-7451-2s-nested-tty.json')).value!;
    expect(flat).toEqual(nested);
    expect(flat).toMatchObject({ model: 'AMD EPYC 7451 24-Core Processor', sockets: 2, cores: 48, threads: 96, virtualization: 'AMD-V', arch: 'x86_64' });
    expect(flat.flags).toContain('svm');
  });

  it('reads flat JSON with old labels (Intel laptop, vmx)', () => {
    const cpu = parseLscpu(hw('lscpu-json/assisted-agent-intel-i7-8665u-flat.json')).value!;
    expect(cpu).toMatchObject({ sockets: 1, cores: 4, threads: 8, virtualization: 'VT-x' });
    expect(cpu.flags).toContain('vmx');
  });

  it('reads nested JSON with new labels', () => {
    const cpu = parseLscpu(hw('lscpu-json/ubuntu-insights-intel-i7-8750h-nested.json')).value!;
    expect(cpu).toMatchObject({ model: 'Intel(R) Core(TM) i7-8750H CPU @ 2.20GHz', cores: 6, threads: 12 });
    expect(cpu.flags).toContain('vmx');
  });

  it('reads an s390x guest without a model name', () => {
    const cpu = parseLscpu(hw('lscpu-json/assisted-agent-s390x-zvm-flat.json')).value!;
    expect(cpu).toMatchObject({ arch: 's390x', threads: 4 });
    expect(cpu.model).toBeUndefined();
  });

  it('reads sectioned RHEL 9 text with the Flags value wrapped over lines', () => {
    const cpu = parseLscpu(hw('lscpu-text/insights-rhel9-kvm-sectioned.txt')).value!;
    expect(cpu.flags).toContain('vmx');
    expect(cpu.flags.length).toBeGreaterThan(50);
    expect(cpu.flags.every((f) => !f.includes(':'))).toBe(true);
  });

  it('reads old text without Flags; /proc/cpuinfo then provides them', () => {
    const cpu = parseLscpu(hw('lscpu-text/ipa-intel-xeon-e5-2609-baremetal.txt')).value!;
    expect(cpu).toMatchObject({ model: 'Intel(R) Xeon(R) CPU E5-2609 0 @ 2.40GHz', threads: 4, virtualization: 'VT-x', flags: [] });
    expect(parseCpuinfoFlags('processor\t: 0\nflags\t\t: fpu vme vmx\nbugs\t: x\n')).toEqual(['fpu', 'vme', 'vmx']);
  });

  it('turns garbage into a problem', () => {
    expect(parseLscpu('').problems[0]!.message).toMatch(/could not be read/);
    expect(parseLscpu('{"lscpu": 5}').problems).toHaveLength(1);
    expect(parseLscpu('{not json').value).toBeUndefined();
  });
});

describe('parseMeminfo', () => {
  it.each([
    ['meminfo/server-hw-report-ovh-epyc4464p-128g.txt', 131499104],
    ['meminfo/ghw-amd-ryzen5-1600-32g.txt', 32777916],
    ['meminfo/jc-linux-proc.txt', 3997272],
  ])('%s: MemTotal in KiB → bytes', (file, kib) => {
    expect(parseMeminfo(hw(file)).value!.totalBytes).toBe(kib * 1024);
  });

  it('reports a missing MemTotal', () => {
    expect(parseMeminfo('garbage\n').problems[0]!.message).toMatch(/MemTotal/);
  });
});

describe('parseDmidecode', () => {
  it('skips comment lines of newer SMBIOS and keeps the redacted serial as text', () => {
    const s = parseDmidecode(hw('dmidecode/server-hw-report-ovh-msi-s3661-amd-epyc-4464p.txt')).value!;
    expect(s).toMatchObject({ vendor: 'MSI', model: 'MSIS366', serial: '<REDACTED>' });
  });

  it('trims padded values (Sun serial with trailing spaces)', () => {
    expect(parseDmidecode(hw('dmidecode/glpi-sun-fire-x2200-m2-amd-opteron.txt')).value!.serial).toBe('0732QBT057');
  });

  it.each([
    ['dmidecode/checkbox-lenovo-system-x.txt', 'LENOVO', 'System x3550 M5: -[5463AC1]-', '06EEEAR'],
    ['dmidecode/glpi-oracle-server-x5-2.txt', 'Oracle Corporation', 'ORACLE SERVER X5-2', '1634NM1107'],
    ['dmidecode/netbox-agent-dell-poweredge-m630.txt', 'Dell Inc.', 'PowerEdge M630', '4242'],
    ['dmidecode/netbox-agent-supermicro-sys-6018r.txt', 'Supermicro', 'SYS-6018R-TDTPR', 'A177950X7709591'],
  ])('%s', (file, vendor, model, serial) => {
    expect(parseDmidecode(hw(file)).value).toMatchObject({ vendor, model, serial });
  });

  it('treats "To be filled by O.E.M." and friends as not set', () => {
    const text = 'System Information\n\tManufacturer: To Be Filled By O.E.M.\n\tProduct Name: Default string\n\tSerial Number:      \n';
    expect(parseDmidecode(text).value).toEqual({});
  });

  it('reports no root plainly, and garbage as a problem', () => {
    expect(parseDmidecode('/dev/mem: Permission denied\n').problems[0]!.message).toMatch(/root/);
    expect(parseDmidecode('\u0000\u0001 garbage').problems).toHaveLength(1);
  });

  it('reads the /sys/class/dmi/id fallback', () => {
    expect(parseDmiSysfs('sys_vendor=HPE\nproduct_name=ProLiant DL360 Gen10\n').value).toEqual({ vendor: 'HPE', model: 'ProLiant DL360 Gen10' });
  });
});
