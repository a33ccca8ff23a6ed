import { defaultPipeline, pipelineProblems } from '../../../src/domain/pipeline';
import { aPipeline } from '../../builders/deal';

describe('pipelines', () => {
  it('gives a new CRM project a valid default pipeline', () => {
    let n = 0;
    const pipeline = defaultPipeline(() => `s${n++}`);
    expect(pipelineProblems(pipeline)).toEqual([]);
    expect(pipeline.stages.map((s) => s.outcome)).toEqual(['open', 'open', 'open', 'open', 'won', 'lost']);
    expect(pipeline.stages.find((s) => s.outcome === 'won')!.exitCriteria).toEqual(expect.arrayContaining(['scope', 'notSold', 'stakeholders', 'successCriteria']));
  });

  it('names every problem of an invalid pipeline with its field path', () => {
    const pipeline = aPipeline();
    const [first, second] = pipeline.stages;
    second!.name = ` ${first!.name.toUpperCase()} `;
    first!.probability = 120;
    pipeline.stages[4]!.probability = 90;
    pipeline.stages = pipeline.stages.filter((s) => s.outcome !== 'lost');
    expect(pipelineProblems(pipeline)).toEqual([
      { path: 'stages', message: 'A pipeline needs exactly one lost stage.' },
      { path: 'stages.0.probability', message: 'Probability is a whole percent from 0 to 100.' },
      { path: 'stages.1.name', message: `Stage name "${second!.name}" is used twice.` },
      { path: 'stages.4.probability', message: 'The won stage has probability 100.' },
    ]);
  });
});
