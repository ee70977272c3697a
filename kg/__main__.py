import gc
import sys

gc.disable()  # importing makes many objects and little garbage: about 10% faster to start
from .cli import main  # noqa: E402

gc.enable()
sys.exit(main())
