"""Rasa's TensorFlow models (DIET, the ResponseSelector) loaded without a training step.

Rasa 3.6 loads a trained model by building it, fitting it on one example so that every weight
exists, and only then reading the trained weights over them (`RasaModel.load`). Tracing that
training step is most of a server's start-up (figures in README, "Speed"), and it is thrown away.

`load_for_prediction` reads the weights first: TensorFlow's object-based checkpoints restore each
weight the moment it is created, so the one prediction Rasa runs anyway (to trace the prediction
graph) creates every weight prediction uses, already holding its trained value. What must stay
true, checked before the model is used: every weight that exists after that prediction was
matched in the checkpoint (`assert_existing_objects_matched`); if not, the model is loaded
Rasa's way instead. Fine-tuning (`rasa train --finetune`) always loads Rasa's way, as it needs
the optimizer's state. tests/test_model_loading.py compares the predictions of both ways.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

# Rasa's own `RasaModel.load`, kept so that `install` is idempotent and the fallback is Rasa's.
_rasa_load: Any = None


def load_for_prediction(
    cls: Any,
    model_file_name: str,
    model_data_example: Any,
    predict_data_example: Any = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> Any:
    """`RasaModel.load` with the same arguments and result, without the training step."""
    import tensorflow as tf

    def rasas_way() -> Any:
        return _rasa_load.__func__(
            cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
            *args, **kwargs,
        )  # fmt: skip

    if finetune_mode or predict_data_example is None:
        return rasas_way()
    config = kwargs.get("config", {})
    model = cls(*args, **kwargs)
    # As Rasa compiles it (the optimizer is never used for prediction, but run_eagerly is).
    model.compile(
        optimizer=tf.keras.optimizers.Adam(config.get("learning_rate", 0.001)),
        run_eagerly=config.get("run_eagerly"),
    )
    status = model.load_weights(model_file_name)
    model.run_inference(predict_data_example)
    try:
        status.assert_existing_objects_matched()
    except AssertionError:
        logger.warning("%s: a weight was not in the checkpoint; loading Rasa's way", cls.__name__)
        return rasas_way()
    # The optimizer's state stays in the checkpoint unread, on purpose: say so to TensorFlow.
    status.expect_partial()
    return model


def install() -> None:
    """Make `RasaModel.load` load without the training step in this process (idempotent)."""
    global _rasa_load
    from rasa.utils.tensorflow.models import RasaModel

    if _rasa_load is None:
        _rasa_load = RasaModel.__dict__["load"]
    RasaModel.load = classmethod(load_for_prediction)


def uninstall() -> None:
    """Give `RasaModel.load` back to Rasa (for the tests that compare both ways)."""
    from rasa.utils.tensorflow.models import RasaModel

    if _rasa_load is not None:
        RasaModel.load = _rasa_load
