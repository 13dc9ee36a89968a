import { afterEach, describe, expect, it } from 'vitest';
import { eventContent } from '../provenance/event-content.js';
import { scriptedProcessor } from '../test-support/scripted-processor.js';
import { TestRunner } from '../testing/test-runner.js';

let runner: TestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

/** A processor that rewrites the content, and stamps an attribute when `stamp` is given. */
function rewriter(stamp?: string) {
  return scriptedProcessor('Rewriter', async (session) => {
    let flowFile = session.get();
    if (!flowFile) return;
    flowFile = await session.write(flowFile, Buffer.from('after'));
    if (stamp !== undefined) flowFile = session.putAttribute(flowFile, 'stamp', stamp);
    session.transfer(flowFile, 'success');
  });
}

async function modifiedEvent(stamp?: string) {
  runner = await TestRunner.create(rewriter(stamp));
  await runner.enqueue('before', { filename: 'in.txt' });
  await runner.run();
  const events = await runner.provenanceEvents();
  const created = (await runner.engine.provenance.query({ types: ['CREATE'] }))[0]!;
  const modified = events.find((event) => event.type === 'CONTENT_MODIFIED')!;
  return { created, modified };
}

async function read(claim: NonNullable<ReturnType<typeof eventContent>>): Promise<string> {
  if (claim.kind !== 'claim') return `<${claim.kind}>`;
  return (await runner!.engine.content.readBuffer(claim.claim)).toString();
}

describe('provenance of a session that changes content', () => {
  it('keeps the input content of CONTENT_MODIFIED, so both sides of the event can be read', async () => {
    // given / when
    const { created, modified } = await modifiedEvent();

    // then
    expect(modified.previousContentClaim).toEqual(created.contentClaim);
    expect(await read(eventContent(modified, 'input'))).toBe('before');
    expect(await read(eventContent(modified, 'output'))).toBe('after');
    // The attributes did not change: no copy of them is kept.
    expect(modified.previousAttributes).toBeUndefined();
  });

  it('keeps the attributes before when they changed with the content', async () => {
    // given / when
    const { modified } = await modifiedEvent('done');

    // then
    expect(modified.previousAttributes).not.toHaveProperty('stamp');
    expect(modified.previousAttributes).toMatchObject({ filename: 'in.txt' });
    expect(modified.attributes).toMatchObject({ filename: 'in.txt', stamp: 'done' });
  });
});

/** A processor that stamps an attribute before or after it reports a SEND of the flowfile. */
function sender(stamp: 'before-send' | 'after-send') {
  return scriptedProcessor('Sender', (session) => {
    let flowFile = session.get();
    if (!flowFile) return;
    if (stamp === 'before-send') flowFile = session.putAttribute(flowFile, 'msg.count', '1');
    session.provenance.send(flowFile, 'kafka://broker/topic');
    if (stamp === 'after-send') flowFile = session.putAttribute(flowFile, 'msg.count', '1');
    session.transfer(flowFile, 'success');
  });
}

async function senderEvents(stamp: 'before-send' | 'after-send') {
  runner = await TestRunner.create(sender(stamp));
  await runner.enqueue('body', { filename: 'in.txt' });
  await runner.run();
  return runner.provenanceEvents();
}

describe('provenance of a session that changes attributes and reports an event', () => {
  it('records no ATTRIBUTES_MODIFIED beside a SEND that shows the change, as NiFi', async () => {
    // given a processor that adds msg.count, then reports the SEND
    // when
    const events = await senderEvents('before-send');

    // then the SEND alone carries both sides of the change
    expect(events.map((event) => event.type)).toEqual(['SEND']);
    const send = events[0]!;
    expect(send.attributes).toMatchObject({ filename: 'in.txt', 'msg.count': '1' });
    expect(send.previousAttributes).toMatchObject({ filename: 'in.txt' });
    expect(send.previousAttributes).not.toHaveProperty('msg.count');
  });

  it('still records ATTRIBUTES_MODIFIED when the attributes changed after the reported event', async () => {
    // given / when
    const events = await senderEvents('after-send');

    // then the SEND shows the flowfile as sent, and the later change has its own event
    expect(events.map((event) => event.type)).toEqual(['SEND', 'ATTRIBUTES_MODIFIED']);
    const [send, modified] = events;
    expect(send!.attributes).not.toHaveProperty('msg.count');
    expect(send!.previousAttributes).toBeUndefined();
    expect(modified!.attributes).toMatchObject({ 'msg.count': '1' });
    expect(modified!.previousAttributes).not.toHaveProperty('msg.count');
  });
});
