import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readProvenance } from '../../../src/media/provenance.js';

const base = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#4a6' } });

function xmp(attributes: string): string {
  return (
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" ` +
    `xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" ${attributes}/></rdf:RDF></x:xmpmeta>`
  );
}

/** A JPEG APP11 segment shaped like a C2PA JUMBF box naming its claim generator. */
function c2paSegment(generator: string): Buffer {
  const payload = Buffer.concat([
    Buffer.from([0x4a, 0x50, 0, 1, 0, 0, 0, 1]),
    Buffer.from(`jumbjumdc2pa\0c2pa.claim\0claim_generator\x78${generator}`, 'latin1'),
  ]);
  const head = Buffer.from([0xff, 0xeb, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** A PNG with a tEXt chunk after IHDR, as Stable Diffusion front-ends write their settings. */
function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const data = Buffer.from(`${keyword}\0${text}`, 'latin1');
  const type = Buffer.from('tEXt', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  const afterIhdr = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, afterIhdr), length, type, data, crc, png.subarray(afterIhdr)]);
}

describe('readProvenance', () => {
  it('names the camera of a phone photo and finds nothing suspicious', async () => {
    const photo = await base()
      .jpeg()
      .withExif({ IFD0: { Make: 'Samsung', Model: 'Galaxy A54', Software: 'A546EXXU5CXB1' } })
      .toBuffer();
    expect(await readProvenance(photo)).toEqual({
      camera: 'Samsung Galaxy A54',
      generators: [],
      editors: [],
    });
  });

  it('has no camera when the file carries no metadata', async () => {
    expect(await readProvenance(await base().jpeg().toBuffer())).toEqual({
      camera: null,
      generators: [],
      editors: [],
    });
  });

  it('recognises an editor in EXIF Software', async () => {
    const photo = await base()
      .jpeg()
      .withExif({ IFD0: { Software: 'Adobe Photoshop 25.0 (Windows)' } })
      .toBuffer();
    expect((await readProvenance(photo)).editors).toEqual(['Adobe Photoshop']);
  });

  it('recognises generators in XMP CreatorTool and the IPTC digital source type', async () => {
    const photo = await base()
      .jpeg()
      .withXmp(
        xmp(
          'xmp:CreatorTool="Midjourney v6" Iptc4xmpExt:DigitalSourceType=' +
            '"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"',
        ),
      )
      .toBuffer();
    expect((await readProvenance(photo)).generators).toEqual(['Midjourney', 'IPTC trainedAlgorithmicMedia']);
  });

  it('recognises a generator named in a C2PA manifest (JPEG APP11)', async () => {
    const jpeg = await base().jpeg().toBuffer();
    const signed = Buffer.concat([jpeg.subarray(0, 2), c2paSegment('Adobe_Firefly/2.0'), jpeg.subarray(2)]);
    expect((await readProvenance(signed)).generators).toEqual(['Adobe Firefly']);
  });

  it('recognises Stable Diffusion parameters in PNG text', async () => {
    const png = withPngText(
      await base().png().toBuffer(),
      'parameters',
      'jalan mulus, aspal baru\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Model: sd_xl_base_1.0',
    );
    expect((await readProvenance(png)).generators).toEqual(['Stable Diffusion']);
  });

  it('never throws on a broken file', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), Buffer.alloc(20)]);
    expect(await readProvenance(broken)).toEqual({ camera: null, generators: [], editors: [] });
  });
});
