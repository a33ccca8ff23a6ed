import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import Textfield from '@atlaskit/textfield';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { Stage } from '../../../../src/domain/pipeline';
import { DialogInView } from '../../lib/dialog-in-view';
import { t } from '../../lib/i18n';

/**
 * The keyboard (and pointer) alternative to dragging: every move a drag can make, as buttons.
 * Choosing one closes the dialog and runs the same optimistic move as a drop.
 */
export function MoveDialog(props: {
  deal: DealRecord;
  stages: Stage[];
  canMoveUp: boolean;
  canMoveDown: boolean;
  onStage: (stage: Stage) => void;
  onUp: () => void;
  onDown: () => void;
  onClose: () => void;
}) {
  const { deal, stages } = props;
  const open = stages.filter((s) => s.outcome === 'open');
  const won = stages.find((s) => s.outcome === 'won');
  const lost = stages.find((s) => s.outcome === 'lost');
  return (
    <Modal onClose={props.onClose} testId="move-dialog" width="small">
      <ModalHeader hasCloseButton>
        <ModalTitle>{t('board.move.title', { name: deal.name })}</ModalTitle>
        <DialogInView />
      </ModalHeader>
      <ModalBody>
        <p className="relay-muted">{t('board.move.toStage')}</p>
        <ul className="relay-move-list">
          {open.map((stage) => (
            <li key={stage.id}>
              <Button shouldFitContainer isDisabled={stage.id === deal.stageId} onClick={() => props.onStage(stage)} testId={`move-to-${stage.id}`}>
                {stage.id === deal.stageId ? `${stage.name} ${t('board.move.current')}` : stage.name}
              </Button>
            </li>
          ))}
        </ul>
        <div className="relay-move-row">
          <Button isDisabled={!props.canMoveUp} onClick={props.onUp} testId="move-up">
            {t('board.move.up')}
          </Button>
          <Button isDisabled={!props.canMoveDown} onClick={props.onDown} testId="move-down">
            {t('board.move.down')}
          </Button>
        </div>
        <div className="relay-move-row">
          {won ? (
            <Button appearance="primary" onClick={() => props.onStage(won)} testId="move-won">
              {t('board.move.won')}
            </Button>
          ) : null}
          {lost ? (
            <Button appearance="warning" onClick={() => props.onStage(lost)} testId="move-lost">
              {t('board.move.lost')}
            </Button>
          ) : null}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={props.onClose}>
          {t('board.move.close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** Losing a deal needs a reason (the server refuses without one); asked before the card leaves the board. */
export function LostDialog({ deal, onSubmit, onClose }: { deal: DealRecord; onSubmit: (reason: string) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = reason.trim() === '';
  return (
    <Modal onClose={onClose} testId="lost-dialog" width="small">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!missing) onSubmit(reason.trim());
        }}
      >
        <ModalHeader hasCloseButton>
          <ModalTitle>{t('board.lost.title', { name: deal.name })}</ModalTitle>
          <DialogInView />
        </ModalHeader>
        <ModalBody>
          <label className="relay-field">
            <span className="relay-field__label">{t('board.lost.reason')}</span>
            <Textfield value={reason} onChange={(e) => setReason(e.currentTarget.value)} isInvalid={touched && missing} autoFocus testId="lost-reason" maxLength={255} aria-describedby="lost-reason-error" />
          </label>
          {touched && missing ? (
            <p className="relay-field__error" id="lost-reason-error" role="alert">
              {t('board.criteria.required')}
            </p>
          ) : null}
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button appearance="warning" type="submit" testId="lost-submit">
            {t('board.lost.submit')}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
