"""The dataset panel: pick a builtin set or import a file, set its parameters and the test
split, see the data, and match the network's Input (and output size) to it.

Every change is a ChangeData / ChangeTrain command. The set is made in a background
thread (the bundled sets are small, but scikit-learn's import alone takes a second), and a
DataError is shown in red in the panel.
"""

from __future__ import annotations

import copy
import threading

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from visualnn.gui.commands import ChangeData, ChangeTrain
from visualnn.gui.panels import data_import
from visualnn.gui.panels.data_features import FeatureChoice, StandardizeChoice, set_features, set_standardize
from visualnn.gui.panels.data_match import data_task, match_network, mismatches
from visualnn.gui.panels.data_preview import DataPreview
from visualnn.gui.panels.param_widgets import editor_for
from visualnn.core.i18n import tr as core_tr
from visualnn.gui.i18n import translate


class _Loader(QObject):
    done = Signal(int, object, str)  # generation, Dataset or None, error message

    def start(self, generation: int, data: dict, kwargs: dict) -> None:
        def emit(ds, error):
            try:
                self.done.emit(generation, ds, error)
            except RuntimeError:  # the panel was closed meanwhile
                pass

        def work():
            try:
                from visualnn.core.data import DataError, load_dataset

                try:
                    ds = load_dataset(copy.deepcopy(data), **kwargs)
                except DataError as e:
                    emit(None, str(e))
                    return
                emit(ds, "")
            except Exception as e:  # never a crash: the panel shows the reason
                emit(None, f"{type(e).__name__}: {e}")

        threading.Thread(target=work, name="visualnn-data", daemon=True).start()


class DatasetPanel(QScrollArea):
    loaded = Signal(object)  # the Dataset, or None when it could not be made

    def __init__(self, document, parent=None, load_now: bool = True):
        """`load_now=False` fills the widgets but makes the data set only on `reload()`
        (the main window waits for its first paint)."""
        super().__init__(parent)
        self.doc = document
        self._load_now = load_now
        self.dataset = None
        self.error = ""
        self._generation = 0
        self._shown = 0  # the generation whose data set is shown
        self._loader = _Loader(self)
        self._loader.done.connect(self._on_done)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(10, 10, 10, 10)
        lay.setSpacing(8)

        self.source = QComboBox()
        from visualnn.core.data import builtin_names, describe

        for name in builtin_names():
            self.source.addItem(name, name)
            self.source.setItemData(self.source.count() - 1, describe(name), Qt.ItemDataRole.ToolTipRole)
        self.imports = QHBoxLayout()
        self.imports.setSpacing(4)
        self.buttons = {}
        for kind in ("csv", "images", "idx"):
            b = QPushButton()
            b.clicked.connect(lambda _=False, k=kind: self.import_file(k))
            self.imports.addWidget(b)
            self.buttons[kind] = b
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setObjectName("muted")
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.split = QSpinBox()
        self.split.setRange(0, 90)
        self.split.setSuffix(" %")
        self.split.setKeyboardTracking(False)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.preview = DataPreview()
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.download_button = QPushButton()
        self.download_button.setObjectName("downloadButton")
        self.download_button.clicked.connect(self.download)
        self.download_button.hide()
        self.match_label = QLabel()
        self.match_label.setWordWrap(True)
        self.match_button = QPushButton()
        self.match_button.setObjectName("matchButton")
        self.match_button.clicked.connect(self.match_network)
        self.match_box = QFrame()
        self.match_box.setObjectName("card")
        mb = QHBoxLayout(self.match_box)
        mb.addWidget(self.match_label, 1)
        mb.addWidget(self.match_button)

        top = QFormLayout()
        self.source_label = _label("")
        top.addRow(self.source_label, self.source)
        lay.addLayout(top)
        lay.addWidget(self.description)
        lay.addWidget(self.error_label)
        lay.addWidget(self.download_button)
        lay.addWidget(self.match_box)
        lay.addWidget(self.preview)
        lay.addWidget(self.info)
        lay.addLayout(self.form)
        self.features = FeatureChoice()
        self.standardize = StandardizeChoice()
        lay.addWidget(self.features)
        lay.addWidget(self.standardize)
        self.features.edited.connect(lambda names: set_features(self.doc, names))
        self.standardize.edited.connect(lambda on: set_standardize(self.doc, on))
        split_form = QFormLayout()
        self.split_label = _label("")
        split_form.addRow(self.split_label, self.split)
        lay.addLayout(split_form)
        self.own_title = own = QLabel()
        own.setObjectName("sectionTitle")
        lay.addWidget(own)
        lay.addLayout(self.imports)
        lay.addStretch(1)
        self.setWidget(body)
        self._editors = {}
        self._form_for = None

        self.source.activated.connect(self._on_source)
        self.split.valueChanged.connect(self._on_split)
        document.settingsChanged.connect(self.refresh)
        document.projectReplaced.connect(self.refresh)
        document.validated.connect(self._update_match)
        self._retranslate_static()
        self.refresh()
        self._load_now = True

    def _retranslate_static(self) -> None:
        self.source.setToolTip(translate("dataset_panel", "The data the network learns from"))
        for kind, text, tip in (("csv", translate("dataset_panel", "CSV…"),
                                 translate("dataset_panel", "Import a CSV file: numeric columns, one target column")),
                                ("images", translate("dataset_panel", "Images…"),
                                 translate("dataset_panel", "Import a folder with one sub-folder of images per class")),
                                ("idx", translate("dataset_panel", "IDX…"),
                                 translate("dataset_panel", "Import MNIST-style IDX image and label files"))):
            b = self.buttons[kind]
            b.setText(text)
            b.setToolTip(tip)
            # as narrow as the text needs (not the style's 80 px): three share a narrow dock
            b.setMinimumWidth(b.fontMetrics().horizontalAdvance(text) + 20)
        self.split.setToolTip(translate("dataset_panel", "Share of the samples held out to test the network "
                                                         "(never trained on)"))
        self.download_button.setText(self.tr("Download…"))
        self.download_button.setToolTip(self.tr("Fetch this data set once into the cache folder "
                                                "(checksums verified; an interrupted download resumes)"))
        self.match_button.setText(translate("dataset_panel", "Match"))
        self.match_button.setToolTip(translate("dataset_panel", "Set the Input shape (and the output size) of the "
                                                                "network to fit this data"))
        self.source_label.setText(translate("dataset_panel", "Data set"))
        self.split_label.setText(translate("dataset_panel", "Test split"))
        self.own_title.setText(translate("dataset_panel", "YOUR OWN DATA"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:  # texts, and the data set's own (the core's) again
            from visualnn.core.data import builtin_names, describe

            self._retranslate_static()
            for i, name in enumerate(builtin_names()):
                j = self.source.findData(name)
                if j >= 0:
                    self.source.setItemData(j, describe(name), Qt.ItemDataRole.ToolTipRole)
            self._form_for = None  # the parameters' labels and tooltips are made again
            self._build_form(self.data)
            if self.dataset is not None:
                self.info.setText(_info_text(self.dataset))
            self._update_match()
        super().changeEvent(event)

    # -- project -> widgets ---------------------------------------------------------------------
    @property
    def data(self) -> dict:
        return self.doc.project.data or {}

    @Slot()
    def refresh(self) -> None:
        data, train = self.data, self.doc.project.train or {}
        kind = data.get("kind")
        self.source.blockSignals(True)
        extra = self.source.findData("__file__")
        if kind == "builtin":
            if extra >= 0:
                self.source.removeItem(extra)
            self.source.setCurrentIndex(max(0, self.source.findData(data.get("name"))))
        else:
            label = {"csv": "CSV", "images": translate("dataset_panel", "Images"), "idx": "IDX", "table": translate("dataset_panel", "Table")}.get(kind, translate("dataset_panel", "None"))
            where = data.get("path") or data.get("images") or (translate("dataset_panel", "inline rows") if kind == "table" else "")
            text = f"{label}: {str(where).rsplit('/', 1)[-1]}" if where else label
            if extra < 0:
                self.source.insertItem(0, text, "__file__")
                extra = 0
            self.source.setItemText(extra, text)
            self.source.setCurrentIndex(extra)
        self.source.blockSignals(False)
        self._build_form(data)
        self.split.blockSignals(True)
        self.split.setValue(round(100 * float(train.get("test_fraction", 0.2) or 0)))
        self.split.blockSignals(False)
        if self._load_now:
            self.reload()

    def _build_form(self, data: dict) -> None:
        from visualnn.core.data import DataError, builtin_params, describe

        name = data.get("name") if data.get("kind") == "builtin" else None
        if name != self._form_for:
            while self.form.rowCount():
                self.form.removeRow(0)
            self._editors = {}
            self._form_for = name
            try:
                infos = builtin_params(name) if name else []
                self.description.setText(describe(name) if name else _file_description(data))
            except DataError:
                infos = []
                self.description.setText("")
            for info in infos:
                ed = editor_for(info.kind, minimum=info.min, maximum=info.max, choices=info.choices or (),
                                help=core_tr(info.help))
                ed.setObjectName(f"data_{info.name}")
                ed.edited.connect(lambda v, n=info.name: self._on_param(n, v))
                label = _label(info.name.replace("_", " "))
                label.setToolTip(core_tr(info.help))
                self.form.addRow(label, ed)
                self._editors[info.name] = (ed, info)
        params = data.get("params") or {}
        for pname, (ed, info) in self._editors.items():
            ed.set_value(params.get(pname, info.default))
        from visualnn.core.data.registry import takes_features

        self.features.setVisible(takes_features(name))
        self.features.set_features(params.get("features"))
        kind = data.get("kind")
        self.standardize.setVisible(kind in ("csv", "table"))
        self.standardize.set_value(data.get("standardize", kind == "csv"))

    # -- loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Make the data set again (in the background); `loaded` says when it is there."""
        self._generation += 1
        data, train = self.data, self.doc.project.train or {}
        if not data:
            self._show(None, translate("dataset_panel", "The project has no data yet: choose a data set."))
            return
        seed, frac = train.get("seed", 0), train.get("test_fraction", 0.2)
        kwargs = {"seed": seed if isinstance(seed, int) else 0,
                  "test_fraction": frac if isinstance(frac, (int, float)) else 0.2,
                  "base_dir": self.doc.project.base_dir, "task": data_task(str(train.get("loss", "")), data)}
        self.preview.show_message(translate("dataset_panel", "Loading…"))
        self._update_match()  # the set on its way is not the one shown: nothing to match yet
        self._loader.start(self._generation, data, kwargs)

    @Slot(int, object, str)
    def _on_done(self, generation: int, ds, error: str) -> None:
        if generation == self._generation:
            self._show(ds, error)

    def _show(self, ds, error: str) -> None:
        self.dataset, self.error = ds, error
        self._shown = self._generation
        self.download_button.setVisible(ds is None and self._downloadable() is not None)
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        if ds is None:
            self.preview.show_message(translate("dataset_panel", "No data to show") if error else "")
            self.info.setText("")
        else:
            self.preview.show_dataset(ds)
            self.info.setText(_info_text(ds))
        self._update_match()
        self.loaded.emit(ds)

    # -- edits ---------------------------------------------------------------------------------------
    def _on_source(self, index: int) -> None:
        name = self.source.itemData(index)
        if name == "__file__" or (self.data.get("kind") == "builtin" and self.data.get("name") == name):
            return
        self.doc.undo_stack.push(ChangeData(self.doc, {"kind": "builtin", "name": name}, text=translate("dataset_panel", "Use the {name} data").format(name=name)))

    def select_builtin(self, name: str) -> None:
        self.source.setCurrentIndex(self.source.findData(name))
        self._on_source(self.source.currentIndex())

    def _on_param(self, name: str, value) -> None:
        data = copy.deepcopy(self.data)
        data.setdefault("params", {})[name] = value
        self.doc.undo_stack.push(ChangeData(self.doc, data, merge_key=f"param:{name}", text=translate("dataset_panel", "Set data {name}").format(name=name)))

    def _on_split(self, percent: int) -> None:
        train = copy.deepcopy(self.doc.project.train or {})
        train["test_fraction"] = round(percent / 100, 2)
        self.doc.undo_stack.push(ChangeTrain(self.doc, train, merge_key="test_fraction", text=translate("dataset_panel", "Set the test split")))

    def import_file(self, kind: str) -> None:
        choose = {"csv": data_import.choose_csv, "images": data_import.choose_images, "idx": data_import.choose_idx}[kind]
        data = choose(self, self.doc.project.base_dir)
        if data:
            self.doc.undo_stack.push(ChangeData(self.doc, data, text=translate("dataset_panel", "Import {kind} data").format(
                kind=kind)))

    def _downloadable(self) -> str | None:
        """The name of the selected set when it is one that is downloaded, else None."""
        from visualnn.core.data.registry import DOWNLOADABLE

        data = self.data
        name = data.get("name") if data.get("kind") == "builtin" else data.get("kind")
        return name if name in DOWNLOADABLE else None

    @Slot()
    def download(self, base_url: str | None = None):
        """Download the selected set with a progress dialog; the set loads when it is there.
        Returns the dialog (its `finished_download(folder, error)` says when)."""
        from visualnn.gui.panels.download_dialog import DownloadDialog

        name = self._downloadable()
        if name is None:
            return None
        dialog = DownloadDialog(name, self)
        dialog.finished_download.connect(self._on_downloaded)
        self.download_button.setEnabled(False)
        dialog.start(base_url)
        return dialog

    @Slot(str, str)
    def _on_downloaded(self, folder: str, error: str) -> None:
        self.download_button.setEnabled(True)
        if error:
            self.error_label.setText(error)
            self.error_label.setVisible(True)
        else:
            self.reload()

    # -- matching the network -----------------------------------------------------------------------
    def _update_match(self, *_):
        ds = self.dataset if self._shown == self._generation else None  # a set still loading is no reference
        found = mismatches(self.doc.graph, self.doc.report, ds, str((self.doc.project.train or {}).get("loss", ""))) if ds else []
        self.match_label.setText("; ".join(msg for _, msg in found))
        self.match_box.setVisible(bool(found))

    @Slot()
    def match_network(self) -> None:
        """Set the Input's shape and dtype (and the output Linear's size) to fit the data set."""
        if self.dataset is not None:
            match_network(self.doc, self.dataset)


def _info_text(ds) -> str:
    """One line on a loaded data set: sizes, input shape, classes or targets."""
    if ds.task == "classification":
        what = translate("dataset_panel", "{n} classes").format(n=ds.num_classes)
    elif ds.output_dim != 1:
        what = translate("dataset_panel", "regression, {n} target values").format(n=ds.output_dim)
    else:
        what = translate("dataset_panel", "regression, 1 target value")
    return translate("dataset_panel", "{samples} samples ({train} train, {test} test) · input {shape} · {what}").format(
        samples=f"{ds.num_train + ds.num_test:,}", train=f"{ds.num_train:,}", test=f"{ds.num_test:,}",
        shape=list(ds.input_shape), what=what)


def _label(text: str) -> QLabel:
    """A form label of one width, so the panel's separate forms line up."""
    label = QLabel(text)
    label.setMinimumWidth(72)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def _file_description(data: dict) -> str:
    kind = data.get("kind")
    return {"csv": translate("dataset_panel", "Rows of a CSV file: numeric input columns and a target column."),
            "images": translate("dataset_panel", "Images from a folder with one sub-folder per class."),
            "idx": translate("dataset_panel", "Images and labels from IDX files (the MNIST format)."),
            "table": translate("dataset_panel", "Rows given in the project file.")}.get(kind, "")
