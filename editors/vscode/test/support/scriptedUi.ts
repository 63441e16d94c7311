/** A `WalkUi` that answers from a script and records every screen it was shown. */
import type { Breadcrumb, OutcomeStep, QuestionStep } from '../../src/protocol';
import type { OutcomeAnswer, QuestionAnswer, WalkUi } from '../../src/walk';

/** One scripted gesture: an answer index, or a word. */
export type Gesture = number | 'back' | 'cancel' | 'finish';

/** What a screen showed. */
export interface Screen {
  kind: 'question' | 'outcome';
  text: string;
  breadcrumbs: Breadcrumb[];
  canGoBack: boolean;
}

export class ScriptedUi implements WalkUi {
  readonly screens: Screen[] = [];
  constructor(private readonly script: Gesture[]) {}

  private next(): Gesture {
    const gesture = this.script.shift();
    if (gesture === undefined) throw new Error('the script ran out of gestures');
    return gesture;
  }

  async askQuestion(step: QuestionStep, breadcrumbs: Breadcrumb[], canGoBack: boolean): Promise<QuestionAnswer> {
    this.screens.push({ kind: 'question', text: step.text, breadcrumbs, canGoBack });
    const g = this.next();
    if (typeof g === 'number') return { kind: 'choose', index: g };
    if (g === 'back') return { kind: 'back' };
    return { kind: 'cancel' };
  }

  async showOutcome(step: OutcomeStep, breadcrumbs: Breadcrumb[], canGoBack: boolean): Promise<OutcomeAnswer> {
    this.screens.push({ kind: 'outcome', text: step.text, breadcrumbs, canGoBack });
    const g = this.next();
    if (g === 'finish') return { kind: 'finish' };
    if (g === 'back') return { kind: 'back' };
    return { kind: 'cancel' };
  }
}
