"""Keep the main window inside the screen's available area, whatever its panels show.

Qt lets a layout's minimum size push a top-level window wider than the screen (a long
label is enough). The window gets an explicit small minimum instead, so its layout never
resizes it, opens at most the size of the available area, and is brought back inside
the area if it ever becomes larger (a restored geometry from a bigger screen). Panels
that may need more room than a small screen has sit in scroll areas (`scrollable`), so
every control stays reachable.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

SMALLEST = QSize(640, 480)  # the window's own minimum: the smallest screen it must fit is 1024 x 768
NO_SCREEN = ("offscreen", "minimal")
FRAME = QSize(4, 28)  # room for a window manager's borders and title bar before the real ones are known


def available(window: QWidget) -> QRect | None:
    """The screen's available area (without task bars), or None where there is no real
    screen (offscreen pictures and tests give the window the size they want)."""
    if QGuiApplication.platformName() in NO_SCREEN:
        return None
    screen = window.screen() or QGuiApplication.primaryScreen()
    return None if screen is None else screen.availableGeometry()


def default_size(area: QRect | None) -> QSize:
    """The first window size: most of the screen (the canvas, the live views and the panels
    all want room), never more than the available area."""
    if area is None:
        return QSize(1440, 900)  # no real screen (pictures, tests): a laptop's size
    w = max(min(1280, area.width()), min(round(area.width() * 0.92), 2200))
    h = max(min(800, area.height()), min(round(area.height() * 0.92), 1400))
    return QSize(min(w, area.width() - FRAME.width()), min(h, area.height() - FRAME.height()))


def scrollable(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area: it takes all the room it is given, and scroll
    bars appear instead of the panel pushing the window when the room is too small."""
    area = QScrollArea()
    area.setObjectName(f"{widget.objectName() or type(widget).__name__}Scroll")
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


class ScreenFit(QObject):
    """Installed on the main window by `fit_to_screen`."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(0)
        self._check.timeout.connect(self.clamp)
        self._check.timeout.connect(self.fold_toolbar)
        self._text_width = 0
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is self.window and event.type() in (QEvent.Type.Show, QEvent.Type.Resize, QEvent.Type.Move,
                                                        QEvent.Type.ScreenChangeInternal):
            self._check.start()
        return False

    def fold_toolbar(self) -> None:
        """The main toolbar drops its texts (icons keep their tooltips) when the window is
        too narrow for them, so the mode switch at its end stays on screen."""
        bar = getattr(self.window, "toolbar", None)
        if bar is None:
            return
        text = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        if bar.toolButtonStyle() == text:
            self._text_width = bar.sizeHint().width()
        style = text if self.window.width() >= self._text_width else Qt.ToolButtonStyle.ToolButtonIconOnly
        if bar.toolButtonStyle() != style:
            bar.setToolButtonStyle(style)

    def clamp(self) -> None:
        """Bring the window back inside the available area (size, then position)."""
        area = available(self.window)
        if area is None or self.window.isMaximized() or self.window.isFullScreen():
            return
        frame = self.window.frameGeometry()
        extra_w = frame.width() - self.window.width()
        extra_h = frame.height() - self.window.height()
        w = min(self.window.width(), area.width() - extra_w)
        h = min(self.window.height(), area.height() - extra_h)
        if (w, h) != (self.window.width(), self.window.height()):
            self.window.resize(w, h)
        frame = self.window.frameGeometry()
        x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
        y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.window.move(x, y)


def fit_to_screen(window: QWidget) -> ScreenFit:
    """Give `window` its first size and keep it inside the screen from now on."""
    area = available(window)
    smallest = SMALLEST if area is None else SMALLEST.boundedTo(area.size())
    window.setMinimumSize(smallest)  # explicit: the layout's minimum no longer resizes the window
    window.resize(default_size(area))
    return ScreenFit(window)


def side_dock_widths(window: QWidget) -> tuple[int, int]:
    """First widths of the left (layers) and right (inspector, training) docks: the canvas
    keeps at least half of a small screen."""
    width = default_size(available(window)).width()
    return min(200, round(width * 0.15)), min(330, round(width * 0.27))
