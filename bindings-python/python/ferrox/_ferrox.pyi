import numpy as np
import numpy.typing as npt

__version__: str

class FerroxError(ValueError): ...
class InvalidInputError(FerroxError): ...
class UnsupportedError(FerroxError): ...
class TooLargeError(FerroxError): ...

def grim_columns(
    x: list[str] | npt.NDArray[np.float64],
    n: npt.NDArray[np.float64],
    items: npt.NDArray[np.float64],
    percent: bool,
    rounding: str,
    threshold: float,
    symmetric: bool,
    compat: str | None,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]: ...
