/**
 * The digit pad's choices among the networks the reader trained on MNIST in the architecture lab: one radio button
 * each, before "the one you trained above", kept in step with the lab's list (client/lab-networks.ts) as the lab
 * saves more, on this page or on an earlier visit.
 */
import { LAB_LABELS, type DigitNetwork } from '~/runtime/protocol';
import { keptLabNetworks, LAB_NETWORKS_CHANGED } from '../client/lab-networks';
import { pageLang, word } from '../client/words';

export const labDigitNetwork = (architecture: string): DigitNetwork => `lab:${architecture}` as DigitNetwork;

export function showLabChoices(fieldset: HTMLFieldSetElement): void {
  const before = fieldset.querySelector('input[value="trained"]')?.closest('label') ?? null;
  const render = () => {
    const checked = fieldset.querySelector<HTMLInputElement>('input[name=network]:checked')?.value;
    for (const old of fieldset.querySelectorAll('[data-lab-network]')) old.remove();
    for (const network of keptLabNetworks().filter((n) => n.dataset === 'mnist')) {
      const label = document.createElement('label');
      label.dataset.labNetwork = network.architecture;
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'network';
      radio.value = labDigitNetwork(network.architecture);
      radio.checked = radio.value === checked;
      const accuracy = (100 * network.testAccuracy).toLocaleString(pageLang(), {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
      const text = word('pad.network.labChoice', {
        network: LAB_LABELS[network.architecture],
        accuracy,
        count: network.epochs,
      });
      label.append(radio, ` ${text}`);
      fieldset.insertBefore(label, before);
    }
  };
  render();
  document.addEventListener(LAB_NETWORKS_CHANGED, render);
}
