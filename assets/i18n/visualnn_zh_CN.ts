<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActivationPlot</name>
    <message>
        <location filename="../../visualnn/gui/panels/activation_plot.py" line="+108"/>
        <source>f(z)</source>
        <translation>f(z)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>f′(z)</source>
        <translation>f′(z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bars: z in this step</source>
        <translation>柱：这一步的 z</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../visualnn/gui/autosave.py" line="+91"/>
        <source>Autosave failed: {reason}</source>
        <translation>自动保存失败：{reason}</translation>
    </message>
</context>
<context>
    <name>BoundaryView</name>
    <message>
        <location filename="../../visualnn/gui/panels/boundary.py" line="+38"/>
        <source>Boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Test data</source>
        <translation>测试数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discretize</source>
        <translation>离散化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show test data: draw the test points too (rings)</source>
        <translation>显示测试数据：也画出测试点（圆环）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discretize output: colour each point of the plane by its predicted class only, without the shading of the network&apos;s certainty</source>
        <translation>离散化输出：平面上每个点只按预测类别着色，不显示网络把握程度的深浅</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fitted surface</source>
        <translation>拟合曲面</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>For data of two inputs</source>
        <translation>适用于两个输入的数据</translation>
    </message>
</context>
<context>
    <name>CanvasLink</name>
    <message>
        <location filename="../../visualnn/gui/stepthrough/canvas_link.py" line="+22"/>
        <source>x (input)</source>
        <translation>x（输入）</translation>
    </message>
    <message>
        <location line="+216"/>
        <source>not yet</source>
        <translation>尚未计算</translation>
    </message>
</context>
<context>
    <name>CanvasView</name>
    <message>
        <location filename="../../visualnn/gui/canvas/view.py" line="+183"/>
        <source>Nothing pasted: {message}</source>
        <translation>没有粘贴：{message}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Duplicate</source>
        <translation>复制一份</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Not connected: {reason}</source>
        <translation>未连接：{reason}</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Unknown layer type &apos;{name}&apos;</source>
        <translation>未知的层类型“{name}”</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <location filename="../../visualnn/gui/panels/confusion.py" line="+44"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>macro average</source>
        <translation>宏平均</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confusion matrix and metrics — test accuracy {acc} %</source>
        <translation>混淆矩阵和指标 — 测试准确率 {acc} %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confusion matrix and metrics — training accuracy {acc} %</source>
        <translation>混淆矩阵和指标 — 训练准确率 {acc} %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test accuracy {acc} %</source>
        <translation>测试准确率 {acc} %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training accuracy {acc} %</source>
        <translation>训练准确率 {acc} %</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>For classification</source>
        <translation>适用于分类任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appears when training runs</source>
        <translation>训练开始后显示</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>predicted class →</source>
        <translation>预测类别 →</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>true class →</source>
        <translation>真实类别 →</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>F1</source>
        <translation>F1 值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>macro F1</source>
        <translation>宏平均 F1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{run} (now)</source>
        <translation>{run}（当前）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{run}: epoch {epoch}, {split} split</source>
        <translation>{run}：第 {epoch} 轮，{split}集</translation>
    </message>
</context>
<context>
    <name>CurvesView</name>
    <message>
        <location filename="../../visualnn/gui/panels/curves.py" line="+113"/>
        <location line="+171"/>
        <source>Press Play to train</source>
        <translation>按“播放”开始训练</translation>
    </message>
    <message>
        <location line="-168"/>
        <location line="+76"/>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <location line="-75"/>
        <location line="+76"/>
        <source>Show the loss on a logarithmic axis</source>
        <translation>在对数坐标轴上显示损失</translation>
    </message>
    <message>
        <location line="-74"/>
        <location line="+75"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+74"/>
        <source>Show, hide, rename and delete the kept runs</source>
        <translation>显示、隐藏、重命名和删除保留的运行记录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>solid: train, dashed: test, light: every step</source>
        <translation>实线：训练，虚线：测试，浅色：每一步</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>batch loss {0:.4g}</source>
        <translation>批量损失 {0:.4g}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>epoch {0}: train {1:.4g}</source>
        <translation>第 {0} 轮：训练 {1:.4g}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test {0:.4g}</source>
        <translation>测试 {0:.4g}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test accuracy {0:.1f} %</source>
        <translation>测试准确率 {0:.1f} %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>train accuracy {0:.1f} %</source>
        <translation>训练准确率 {0:.1f} %</translation>
    </message>
</context>
<context>
    <name>DataFeatures</name>
    <message>
        <location filename="../../visualnn/gui/panels/data_features.py" line="+68"/>
        <source>Features: what each point (X₁, X₂) gives the network as inputs</source>
        <translation>特征：每个点 (X₁, X₂) 作为输入交给网络的量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Feed {feature} of each point to the network</source>
        <translation>把每个点的 {feature} 输入网络</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Choose the features</source>
        <translation>选择特征</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+21"/>
        <source>Standardize the inputs</source>
        <translation>标准化输入</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Scale each input column to mean 0 and standard deviation 1 (by the training split) before training. Training is easier, but the learned weights then belong to the scaled inputs: w and b are not the slope and intercept of your raw numbers (w = slope × the column&apos;s standard deviation). Turn it off to learn the weights of the numbers as written.</source>
        <translation>训练前把每个输入列缩放到均值 0、标准差 1（按训练集计算）。训练更容易，但学到的权重属于缩放后的输入：w 和 b 不是原始数值的斜率和截距（w = 斜率 × 该列的标准差）。关闭它，就学习原始数值的权重。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Use the inputs as written</source>
        <translation>使用原始输入</translation>
    </message>
</context>
<context>
    <name>DatasetPanel</name>
    <message>
        <location filename="../../visualnn/gui/panels/dataset_panel.py" line="+176"/>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetch this data set once into the cache folder (checksums verified; an interrupted download resumes)</source>
        <translation>将此数据集下载到缓存文件夹（校验校验和；中断的下载可以续传）</translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <location filename="../../visualnn/gui/panels/download_dialog.py" line="+32"/>
        <source>Download {0}</source>
        <translation>下载 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>{0}: {1} of {2} MB</source>
        <translation>{0}：{1} / {2} MB</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}: {1} MB</source>
        <translation>{0}：{1} MB</translation>
    </message>
</context>
<context>
    <name>EmbeddingMapView</name>
    <message>
        <location filename="../../visualnn/gui/panels/embedding_map.py" line="+31"/>
        <source>Embedding</source>
        <translation>词嵌入</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{n} most frequent words; PC1 {a} %, PC2 {b} % of their variance</source>
        <translation>{n} 个最常见的词；PC1 占方差的 {a} %，PC2 占 {b} %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Word vectors in 2-D (principal components)</source>
        <translation>二维中的词向量（主成分）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For text models with an Embedding layer</source>
        <translation>适用于带 Embedding 层的文本模型</translation>
    </message>
</context>
<context>
    <name>EquationView</name>
    <message>
        <location filename="../../visualnn/gui/stepthrough/equation_view.py" line="+23"/>
        <source>Forward pass</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backward pass</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>This update cannot be traced: {reason}</source>
        <translation>无法追踪这次更新：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Computing the trace...</source>
        <translation>正在计算追踪…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No stage to show.</source>
        <translation>没有可显示的阶段。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>stage {number} of {total}</source>
        <translation>第 {number} / {total} 阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>← → step, Home / End, P plays</source>
        <translation>← → 单步，Home / End 首尾，P 播放</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Written out: {title}</source>
        <translation>展开计算：{title}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>THE FORMULA</source>
        <translation>公式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WITH THE NUMBERS</source>
        <translation>代入数值</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../visualnn/gui/live/error_banner.py" line="+58"/>
        <source>Show layer</source>
        <translation>显示该层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start again from the seed with the current settings</source>
        <translation>用当前设置从随机种子重新开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Training paused: {message} (layer {node})</source>
        <translation>训练已暂停：{message}（层 {node}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training paused: {message}</source>
        <translation>训练已暂停：{message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What to try: {hint}</source>
        <translation>可以尝试：{hint}</translation>
    </message>
</context>
<context>
    <name>ExampleGallery</name>
    <message>
        <location filename="../../visualnn/gui/gallery.py" line="+148"/>
        <source>Lesson: {0}</source>
        <translation>课程：{0}</translation>
    </message>
</context>
<context>
    <name>ExportAnimationDialog</name>
    <message>
        <location filename="../../visualnn/gui/share/export_dialogs.py" line="+121"/>
        <source>Export Animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Animated GIF</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MP4 video</source>
        <translation>MP4 视频</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Needs the imageio-ffmpeg package: pip install &apos;visualnn[mp4]&apos;</source>
        <translation>需要 imageio-ffmpeg 包：pip install &apos;visualnn[mp4]&apos;</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frames per second</source>
        <translation>每秒帧数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Views beside the canvas</source>
        <translation>画布旁的视图</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record…</source>
        <translation>录制…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Export the animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Recording…</source>
        <translation>正在录制…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消：未写入任何文件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>ExportViewDialog</name>
    <message>
        <location line="-202"/>
        <source>Export View</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>PNG picture</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV numbers</source>
        <translation>CSV 数据</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0} px</source>
        <translation>{0} 像素</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>as on screen</source>
        <translation>与屏幕上相同</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export the view</source>
        <translation>导出视图</translation>
    </message>
</context>
<context>
    <name>ExportWeights</name>
    <message>
        <location filename="../../visualnn/gui/export_weights.py" line="+24"/>
        <source>Export which weights?</source>
        <translation>导出哪些权重？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network has trained. Export the trained weights, or the project&apos;s own weights (as saved, or the seed&apos;s where none are saved)?</source>
        <translation>网络已经训练过。导出训练后的权重，还是项目自己的权重（已保存的权重；没有保存时为随机种子生成的权重）？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trained weights</source>
        <translation>训练后的权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Project&apos;s weights</source>
        <translation>项目的权重</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The training did not hand over its weights; the project&apos;s own weights are exported.</source>
        <translation>训练进程没有交出它的权重；已导出项目自己的权重。</translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message>
        <location filename="../../visualnn/gui/files.py" line="+72"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes to “{name}” before closing it?</source>
        <translation>关闭前是否保存对“{name}”的更改？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your changes are lost if you don&apos;t save them.</source>
        <translation>如果不保存，您的更改将会丢失。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cannot open the example</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open a project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Save the project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot save the project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Clear Menu</source>
        <translation>清除菜单</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Export {what}</source>
        <translation>导出{what}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Export not available</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export to {fmt} is not available in this installation ({why}).</source>
        <translation>此安装不支持导出为 {fmt}（{why}）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import weights</source>
        <translation>导入权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PyTorch state dicts (*.pt *.pth);;All files (*)</source>
        <translation>PyTorch 状态字典 (*.pt *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot import weights</source>
        <translation>无法导入权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import weights from {name}</source>
        <translation>从 {name} 导入权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported weights from {path}</source>
        <translation>已从 {path} 导入权重</translation>
    </message>
</context>
<context>
    <name>InitEditor</name>
    <message>
        <location filename="../../visualnn/gui/panels/init_editor.py" line="+20"/>
        <source>PyTorch default</source>
        <translation>PyTorch 默认</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zeros</source>
        <translation>全零</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal (Gaussian)</source>
        <translation>正态（高斯）分布</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uniform</source>
        <translation>均匀分布</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Xavier uniform</source>
        <translation>Xavier 均匀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xavier normal</source>
        <translation>Xavier 正态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>He / Kaiming uniform</source>
        <translation>He / Kaiming 均匀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>He / Kaiming normal</source>
        <translation>He / Kaiming 正态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Orthogonal</source>
        <translation>正交</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The value every weight and bias starts at</source>
        <translation>每个权重和偏置的初始值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean of the normal distribution</source>
        <translation>正态分布的均值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard deviation: large values make the signals (and gradients) explode</source>
        <translation>标准差：太大会使信号（和梯度）爆炸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lower bound (uniform), or the negative slope of the leaky ReLU that follows (Kaiming)</source>
        <translation>下界（均匀分布），或后面 Leaky ReLU 的负斜率（Kaiming）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upper bound</source>
        <translation>上界</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale factor on top of the scheme&apos;s own size</source>
        <translation>在该方案自身尺度之上的缩放因子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the variance of the forward signals (fan_in) or of the backward gradients (fan_out)</source>
        <translation>保持前向信号（fan_in）或反向梯度（fan_out）的方差</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The activation that follows, for the scheme&apos;s gain</source>
        <translation>后面的激活函数，用于确定该方案的增益</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>How this layer&apos;s weights start when the network is built from the seed (press Reset to apply). Trained weights saved in the project take precedence.</source>
        <translation>从随机种子构建网络时这一层权重的初始化方式（按“重置”生效）。项目中保存的训练好的权重优先。</translation>
    </message>
</context>
<context>
    <name>LandscapeView</name>
    <message>
        <location filename="../../visualnn/gui/panels/landscape.py" line="+70"/>
        <source>Landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Axes:</source>
        <translation>坐标轴：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>two parameters</source>
        <translation>两个参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>random directions</source>
        <translation>随机方向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>principal directions of the path</source>
        <translation>路径的主方向</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The plane of weights the loss is drawn over</source>
        <translation>绘制损失所在的权重平面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The parameter along the x axis</source>
        <translation>x 轴上的参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The parameter along the y axis</source>
        <translation>y 轴上的参数</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>{run} (now)</source>
        <translation>{run}（当前）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>loss now {loss} · path of {n} points · bands of equal loss (log scale)</source>
        <translation>当前损失 {loss} · 路径共 {n} 个点 · 等损失带（对数刻度）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The live landscape maps small networks; use the command line for this one</source>
        <translation>实时损失地形只适用于小网络；这个网络请用命令行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appears when training runs</source>
        <translation>训练开始后显示</translation>
    </message>
</context>
<context>
    <name>LessonDialog</name>
    <message>
        <location filename="../../visualnn/gui/lesson/dialogs.py" line="+115"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Title (English)</source>
        <translation>标题（英文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title (Chinese)</source>
        <translation>标题（中文）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hidden and locked</source>
        <translation>隐藏和锁定</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Topics</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>LessonEditor</name>
    <message>
        <location filename="../../visualnn/gui/lesson/editor.py" line="+78"/>
        <source>Add step</source>
        <translation>添加步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A new step after this one</source>
        <translation>在这一步之后新建一个步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This step&apos;s text (English and Chinese) and its goal</source>
        <translation>这一步的文字（英文和中文）和它的目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete this step</source>
        <translation>删除这一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move this step one place earlier</source>
        <translation>把这一步往前移一位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move this step one place later</source>
        <translation>把这一步往后移一位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make the app as it is now (settings, selection, view, step-through stage) this step&apos;s actions</source>
        <translation>把应用当前的状态（设置、选择、视图、单步演示阶段）记录为这一步的动作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lesson…</source>
        <translation>课程…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title, topics, and the parts hidden or locked for students</source>
        <translation>标题、主题，以及对学生隐藏或锁定的部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>See the lesson as a student does</source>
        <translation>以学生的视角查看课程</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Make a lesson</source>
        <translation>创建课程</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A new step.</source>
        <translation>新的一步。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a lesson step</source>
        <translation>添加课程步骤</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete a lesson step</source>
        <translation>删除课程步骤</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Move a lesson step</source>
        <translation>移动课程步骤</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit a lesson step</source>
        <translation>编辑课程步骤</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Capture the app into a lesson step</source>
        <translation>把应用状态记录到课程步骤中</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change the lesson&apos;s settings</source>
        <translation>修改课程设置</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <location filename="../../visualnn/gui/lesson/panel.py" line="+107"/>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The previous step (Page Up)</source>
        <translation>上一步 (Page Up)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The next step (Page Down)</source>
        <translation>下一步 (Page Down)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No lesson</source>
        <translation>没有课程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This lesson cannot be shown: {0}</source>
        <translation>无法显示这个课程：{0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Step {0} of {1}</source>
        <translation>第 {0} / {1} 步</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Goal met: {0}</source>
        <translation>目标已达成：{0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Goal: {0}</source>
        <translation>目标：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(now {0})</source>
        <translation>（当前 {0}）</translation>
    </message>
</context>
<context>
    <name>LessonRunner</name>
    <message>
        <location filename="../../visualnn/gui/lesson/runner.py" line="+113"/>
        <source>Lesson step {0}: {1}</source>
        <translation>课程第 {0} 步：{1}</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>no layer named {0}</source>
        <translation>没有名为 {0} 的层</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The view {0} is not available in this version</source>
        <translation>此版本中没有视图 {0}</translation>
    </message>
</context>
<context>
    <name>LessonUI</name>
    <message>
        <location filename="../../visualnn/gui/lesson/install.py" line="+40"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>&amp;Next Step</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The lesson&apos;s next step (Page Down)</source>
        <translation>课程的下一步 (Page Down)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Previous Step</source>
        <translation>上一步(&amp;P)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The lesson&apos;s previous step (Page Up)</source>
        <translation>课程的上一步 (Page Up)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Teacher Mode</source>
        <translation>教师模式(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock everything the lesson hides or locks, and edit the lesson (Ctrl+Shift+L)</source>
        <translation>解锁课程隐藏或锁定的一切，并编辑课程 (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the lesson, the network and one large view (Ctrl+Shift+P)</source>
        <translation>只显示课程、网络和一个大视图 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The window fills the screen, or leaves it (F11)</source>
        <translation>窗口铺满屏幕，或退出全屏 (F11)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Lesson in This Project</source>
        <translation>在本项目中新建课程(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start writing a lesson for this project (teacher mode)</source>
        <translation>开始为本项目编写课程（教师模式）</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UI &amp;Scale</source>
        <translation>界面缩放(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training S&amp;peed</source>
        <translation>训练速度(&amp;P)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>One epoch a second</source>
        <translation>每秒一轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Five updates a second</source>
        <translation>每秒五次更新</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>One update a second</source>
        <translation>每秒一次更新</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Teacher mode: everything unlocked; the lesson can be edited</source>
        <translation>教师模式：全部解锁；可以编辑课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Student mode</source>
        <translation>学生模式</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Goal met! Go on with Next (Page Down)</source>
        <translation>目标已达成！按“下一步”(Page Down) 继续</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../visualnn/gui/main_window.py" line="+74"/>
        <source>&lt;opened&gt;</source>
        <translation>&lt;打开时&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every edit since the project was opened; click one to go back to it</source>
        <translation>打开项目以来的每一次编辑；单击某一项可回到该状态</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Build and edit the network</source>
        <translation>搭建和编辑网络</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undo &amp;History</source>
        <translation>撤销历史(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show every edit since opening; click one to go back to it (Ctrl+H)</source>
        <translation>显示打开以来的每一次编辑；单击某一项可回到该状态 (Ctrl+H)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Not connected: {why}</source>
        <translation>未连接：{why}</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Show or hide the {title} panel</source>
        <translation>显示或隐藏“{title}”面板</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Select one layer to rename it</source>
        <translation>请选择一个层以重命名</translation>
    </message>
</context>
<context>
    <name>NodePage</name>
    <message>
        <location filename="../../visualnn/gui/panels/inspector.py" line="+116"/>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>This layer&apos;s weights are saved in the project: they are used instead of the initialisation.</source>
        <translation>这一层的权重已保存在项目中：会使用它们，而不是初始化方案。</translation>
    </message>
</context>
<context>
    <name>OptimizerSettings</name>
    <message>
        <location filename="../../visualnn/gui/panels/optimizer_settings.py" line="+55"/>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β1, β2</source>
        <translation>β1, β2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Momentum: each update keeps this share of the previous one, so steps build up speed along a steady slope (0: plain gradient descent)</source>
        <translation>动量：每次更新保留上一次更新的这一比例，使步子沿着稳定的坡度逐渐加速（0：普通梯度下降）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nesterov momentum: take the gradient where the momentum is about to carry the weights (needs momentum above 0)</source>
        <translation>Nesterov 动量：在动量即将把权重带到的位置计算梯度（需要动量大于 0）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>β1: how much of the gradient&apos;s running mean is kept each step; β2: the same for the running mean of the squared gradient (Adam&apos;s per-weight step size)</source>
        <translation>β1：每一步保留多少梯度的滑动平均；β2：梯度平方的滑动平均的同样比例（Adam 为每个权重单独确定步长）</translation>
    </message>
</context>
<context>
    <name>OwnInputView</name>
    <message>
        <location filename="../../visualnn/gui/panels/own_input.py" line="+68"/>
        <source>Your input</source>
        <translation>你的输入</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Try the network on your own input</source>
        <translation>用你自己的输入试试这个网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a sentence, e.g. the film was great</source>
        <translation>输入一句话，例如 the film was great</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit points</source>
        <translation>编辑数据点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left click adds a training point of the chosen class, right click removes the nearest one (Undo takes it back)</source>
        <translation>左键添加一个所选类别的训练点，右键删除最近的点（可撤销）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training sample</source>
        <translation>训练样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the training sample on the canvas</source>
        <translation>回到画布上的训练样本</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Draw with the left mouse button, erase with the right one.</source>
        <translation>用鼠标左键绘画，右键擦除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sentence is cut into the words the network knows; unknown words become &lt;unk&gt;.</source>
        <translation>句子被切分成网络认识的词；不认识的词变成 &lt;unk&gt;。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a point of the plane.</source>
        <translation>点击平面上的一个点。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For images, sentences and points of a plane</source>
        <translation>适用于图像、句子和平面上的点</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Remove a data point</source>
        <translation>删除一个数据点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a data point</source>
        <translation>添加一个数据点</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Prediction: —</source>
        <translation>预测：—</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Prediction: {name} ({p} %)</source>
        <translation>预测：{name}（{p} %）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Output: {values}</source>
        <translation>输出：{values}</translation>
    </message>
</context>
<context>
    <name>RaceDialog</name>
    <message>
        <location filename="../../visualnn/gui/share/race_dialog.py" line="+28"/>
        <source>Race variants</source>
        <translation>变体竞赛</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The setting that differs between the variants</source>
        <translation>各变体之间不同的设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its values, separated by commas</source>
        <translation>它的取值，用逗号分隔</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Race</source>
        <translation>竞赛</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vary</source>
        <translation>变化项</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Boundaries</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Mapping the loss landscape of the paths…</source>
        <translation>正在绘制各路径的损失地形…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The race stopped: {0}</source>
        <translation>竞赛已停止：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled; the epochs trained so far are kept.</source>
        <translation>已取消；已训练的轮次会保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done: the variants are kept in the project&apos;s runs.</source>
        <translation>完成：各变体已保存在项目的运行记录中。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L2 (weight decay)</source>
        <translation>L2（权重衰减）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>L1</source>
        <translation>L1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropout p</source>
        <translation>Dropout p</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
</context>
<context>
    <name>RaceLandscapeView</name>
    <message>
        <location filename="../../visualnn/gui/share/race_landscape_view.py" line="+39"/>
        <source>The variants&apos; paths appear here when the race ends.</source>
        <translation>竞赛结束后，各变体的路径会显示在这里。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No landscape: the paths together do not span a plane.</source>
        <translation>没有损失地形：这些路径合起来张不成一个平面。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Training loss over the plane the paths move in most (darker: lower); each variant from the shared start (ring) to its end (dot).</source>
        <translation>路径变化最大的平面上的训练损失（颜色越深越低）；每个变体从共同的起点（圆环）走到它的终点（圆点）。</translation>
    </message>
</context>
<context>
    <name>RateCombo</name>
    <message>
        <location filename="../../visualnn/gui/panels/training_panel.py" line="+99"/>
        <source>{typed} is not a number &gt; 0; kept {kept}</source>
        <translation>{typed} 不是大于 0 的数；保留 {kept}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{typed} is not a number &gt;= {minimum}; kept {kept}</source>
        <translation>{typed} 不是大于等于 {minimum} 的数；保留 {kept}</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../visualnn/gui/recovery_dialog.py" line="+121"/>
        <source>Recover Unsaved Work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>visualnn closed without saving the projects below. Their changes were autosaved; choose what to do with each.</source>
        <translation>visualnn 关闭时没有保存下列项目。它们的更改已自动保存；请为每个项目选择处理方式。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Autosaved</source>
        <translation>自动保存于</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open it as autosaved, unsaved, in a window of its own</source>
        <translation>在单独的窗口中打开自动保存的版本（尚未保存）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the autosaved copy</source>
        <translation>删除自动保存的副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the autosaved copy and ask again at the next start</source>
        <translation>保留自动保存的副本，下次启动时再询问</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{name}”, never saved</source>
        <translation>“{name}”，从未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never saved</source>
        <translation>从未保存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restored projects open unsaved, each in a window of its own. Save them to keep them; “Later” keeps a copy for the next start.</source>
        <translation>恢复的项目各自在单独的窗口中打开，尚未保存；保存后才会保留。选择“稍后”会保留副本，下次启动时再询问。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decide Later</source>
        <translation>稍后决定</translation>
    </message>
</context>
<context>
    <name>RegressionView</name>
    <message>
        <location filename="../../visualnn/gui/panels/regression.py" line="+30"/>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Points: training (filled), test (rings); line: the network&apos;s output</source>
        <translation>点：训练（实心）、测试（圆环）；线：网络的输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regression: the network&apos;s curve over the data</source>
        <translation>回归：网络在数据上的曲线</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For regression on one input</source>
        <translation>适用于单输入的回归</translation>
    </message>
</context>
<context>
    <name>RunsList</name>
    <message>
        <location filename="../../visualnn/gui/panels/runs_list.py" line="+98"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete run</source>
        <translation>删除运行记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete all runs</source>
        <translation>删除所有运行记录</translation>
    </message>
</context>
<context>
    <name>SequenceView</name>
    <message>
        <location filename="../../visualnn/gui/panels/sequence.py" line="+21"/>
        <source>Sequence</source>
        <translation>序列</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>test window </source>
        <translation>测试窗口 </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>mean error of the next value over {n} test windows: {e}</source>
        <translation>{n} 个测试窗口上下一个值的平均误差：{e}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What comes next: the network against the true wave</source>
        <translation>接下来是什么：网络与真实波形对比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For sequences whose target is the next value</source>
        <translation>适用于目标是下一个值的序列</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>time step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the window and its true next value (ring)</source>
        <translation>窗口及其真实的下一个值（圆环）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted next value (dot) and {r} steps ahead (dashes)</source>
        <translation>预测的下一个值（点）和往后 {r} 步（虚线）</translation>
    </message>
</context>
<context>
    <name>Sharing</name>
    <message>
        <location filename="../../visualnn/gui/share/install.py" line="+48"/>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Race Variants…</source>
        <translation>变体竞赛(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train variants of this network side by side: optimizers, learning rates, ...</source>
        <translation>并排训练这个网络的多个变体：优化器、学习率……</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;Runs</source>
        <translation>显示运行记录(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The kept runs of this project: show, hide, rename, delete</source>
        <translation>本项目保留的运行记录：显示、隐藏、重命名、删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;View…</source>
        <translation>导出视图(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a live view as a PNG picture, an SVG drawing or CSV numbers</source>
        <translation>把实时视图保存为 PNG 图片、SVG 矢量图或 CSV 数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;Animation…</source>
        <translation>导出动画(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record training as an animated GIF or an MP4 video</source>
        <translation>把训练过程录制为 GIF 动画或 MP4 视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Step-through &amp;Walk…</source>
        <translation>导出单步演示(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the step-through of one update, stage by stage, as a GIF</source>
        <translation>把一次更新的单步演示逐阶段录制为 GIF</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Export the step-through walk</source>
        <translation>导出单步演示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recording the step-through…</source>
        <translation>正在录制单步演示…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot record the walk</source>
        <translation>无法录制单步演示</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as SVG…</source>
        <translation>另存为 SVG…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save numbers as CSV…</source>
        <translation>把数据另存为 CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export View…</source>
        <translation>导出视图…</translation>
    </message>
</context>
<context>
    <name>StartingSign</name>
    <message>
        <location filename="../../visualnn/gui/live/starting_sign.py" line="+11"/>
        <source>Starting training…</source>
        <translation>正在启动训练…</translation>
    </message>
</context>
<context>
    <name>StepControls</name>
    <message>
        <location filename="../../visualnn/gui/stepthrough/controls.py" line="+16"/>
        <source>Forward</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The sample whose update is taken apart</source>
        <translation>要拆解其更新过程的样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1: one sample; more: a mini-batch starting at the sample</source>
        <translation>1：单个样本；更大：从该样本开始的小批量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digits after the decimal point in the equations</source>
        <translation>公式中小数点后的位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First stage (Home)</source>
        <translation>第一个阶段 (Home)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous stage (Left)</source>
        <translation>上一个阶段（左方向键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next stage (Right)</source>
        <translation>下一个阶段（右方向键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last stage (End)</source>
        <translation>最后一个阶段 (End)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jump to a stage</source>
        <translation>跳到某个阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Computing the trace...</source>
        <translation>正在计算追踪…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Digits</source>
        <translation>位数</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>of {n}</source>
        <translation>共 {n} 个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{number}. {kind}: {title}</source>
        <translation>{number}. {kind}：{title}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>samples {first}-{last}</source>
        <translation>样本 {first}-{last}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sample {index}</source>
        <translation>样本 {index}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>input {values}</source>
        <translation>输入 {values}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>target {values}</source>
        <translation>目标 {values}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Which {name} to write out ({first} to {last})</source>
        <translation>要展开计算的{name}（{first} 到 {last}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Write out neuron of {node}:</source>
        <translation>展开 {node} 的神经元：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write out output pixel of {node}:</source>
        <translation>展开 {node} 的输出像素：</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Pause (Space)</source>
        <translation>暂停（空格）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play the stages slowly (Space)</source>
        <translation>慢速播放各阶段（空格）</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../visualnn/gui/lesson/dialogs.py" line="-114"/>
        <source>Lesson step</source>
        <translation>课程步骤</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Markdown; formulas between $…$ or $$…$$</source>
        <translation>Markdown；公式写在 $…$ 或 $$…$$ 之间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>at least</source>
        <translation>至少</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at most</source>
        <translation>至多</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+4"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most hidden units</source>
        <translation>隐藏单元数至多</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most parameters</source>
        <translation>参数数量至多</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Goal (English)</source>
        <translation>目标（英文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goal (Chinese)</source>
        <translation>目标（中文）</translation>
    </message>
</context>
<context>
    <name>StepDots</name>
    <message>
        <location filename="../../visualnn/gui/lesson/panel.py" line="-112"/>
        <location line="+1"/>
        <source>Step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
</context>
<context>
    <name>StepThroughMode</name>
    <message>
        <location filename="../../visualnn/gui/stepthrough/mode.py" line="+41"/>
        <location line="+3"/>
        <source>Step-through</source>
        <translation>单步演示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take one training update apart, stage by stage, with every number (Ctrl+T)</source>
        <translation>逐阶段拆解一次训练更新，显示每一个数值 (Ctrl+T)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>&amp;Step-through Mode</source>
        <translation>单步演示模式(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch step-through mode on or off (Ctrl+T)</source>
        <translation>打开或关闭单步演示模式 (Ctrl+T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Worksheet (Markdown, CSV, LaTeX)…</source>
        <translation>练习单（Markdown、CSV、LaTeX）(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The step-through trace as tables for students</source>
        <translation>把单步演示的追踪导出为给学生的表格</translation>
    </message>
</context>
<context>
    <name>StudentMode</name>
    <message>
        <location filename="../../visualnn/gui/lesson/student.py" line="+63"/>
        <source>{0} is locked by the lesson (a teacher can unlock it: Lesson &gt; Teacher Mode)</source>
        <translation>{0} 已被课程锁定（教师可以解锁：课程 &gt; 教师模式）</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <location filename="../../visualnn/gui/live/controller.py" line="+259"/>
        <source>the network has a problem: {problem}</source>
        <translation>网络有问题：{problem}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the layer marked on the canvas, then press Play.</source>
        <translation>修正画布上标出的层，然后按“播放”。</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../visualnn/gui/panels/training_panel.py" line="-70"/>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BCE with logits</source>
        <translation>带 logits 的二元交叉熵 (BCE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BCE (probabilities)</source>
        <translation>二元交叉熵 BCE（概率）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½ sum of squares</source>
        <translation>½ 平方和</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean absolute error</source>
        <translation>平均绝对误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Apple MPS</source>
        <translation>Apple MPS</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>slow motion (1 step/s)</source>
        <translation>慢动作（每秒 1 步）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{sps} steps/s</source>
        <translation>每秒 {sps} 步</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>unknown device</source>
        <translation>未知设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{device} — not available</source>
        <translation>{device} — 不可用</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the best present: {device}</source>
        <translation>当前最好的设备：{device}</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>{setting}: {why}</source>
        <translation>{setting}：{why}</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Epochs done of the project&apos;s number of epochs; training pauses there</source>
        <translation>已完成的轮数 / 项目设定的轮数；到达后训练暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training speed: full speed down to slow motion (one update a second, every step shown)</source>
        <translation>训练速度：从全速到慢动作（每秒一次更新，每一步都显示）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate: the size of each update (applies at the next step)</source>
        <translation>学习率：每次更新的步长（下一步生效）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samples per update (applies at the next step)</source>
        <translation>每次更新使用的样本数（下一步生效）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L1 regularisation: adds rate × Σ|w| to the loss (pushes weights to exactly 0)</source>
        <translation>L1 正则化：在损失中加上 系数 × Σ|w|（把权重推向 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L2 regularisation (the optimizer&apos;s weight decay): shrinks every weight a little each step</source>
        <translation>L2 正则化（优化器的权重衰减）：每一步把所有权重缩小一点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play pauses after this many epochs (0: trains until paused)</source>
        <translation>训练到这么多轮后暂停（0：一直训练直到手动暂停）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed of the initial weights, the data split and the sample order (applies at Reset)</source>
        <translation>初始权重、数据划分和样本顺序的随机种子（重置时生效）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where training runs (applies at Reset)</source>
        <translation>训练运行的设备（重置时生效）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch mean</source>
        <translation>批量平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The training sample whose activations colour the neurons on the canvas (lowest: the mean over the shown batch)</source>
        <translation>用哪个训练样本的激活值给画布上的神经元着色（最小值：当前批量的平均）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>L1</source>
        <translation>L1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L2 (weight decay)</source>
        <translation>L2（权重衰减）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shown sample</source>
        <translation>显示的样本</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Set learning rate</source>
        <translation>设置学习率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set L2</source>
        <translation>设置 L2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set batch size</source>
        <translation>设置批量大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set L1</source>
        <translation>设置 L1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set epochs</source>
        <translation>设置轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set seed</source>
        <translation>设置随机种子</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set optimizer</source>
        <translation>设置优化器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set loss</source>
        <translation>设置损失函数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set device</source>
        <translation>设置设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set {setting}</source>
        <translation>设置 {setting}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Epoch {epoch} (set: {epochs})</source>
        <translation>第 {epoch} 轮（设定：{epochs}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Epoch {epoch} / {epochs}</source>
        <translation>第 {epoch} / {epochs} 轮</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Training cannot start: see the message above</source>
        <translation>无法开始训练：请看上方的消息</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{samples} training samples, {steps} steps per epoch, on {device}</source>
        <translation>{samples} 个训练样本，每轮 {steps} 步，在 {device} 上</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Paused after {epochs} epochs (the project&apos;s number); press Play to go on</source>
        <translation>已训练 {epochs} 轮（项目设定的轮数）后暂停；按“播放”继续</translation>
    </message>
</context>
<context>
    <name>TrainingUI</name>
    <message>
        <location filename="../../visualnn/gui/live/integration.py" line="+64"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live views</source>
        <translation>实时视图</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Training paused: {message}</source>
        <translation>训练已暂停：{message}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not ready to train: {message}</source>
        <translation>还不能训练：{message}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Keep the trained weights</source>
        <translation>保留训练好的权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The trained weights are now the project&apos;s (saved with it)</source>
        <translation>训练好的权重现在属于项目（随项目保存）</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <location filename="../../visualnn/gui/actions.py" line="+72"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Redo {command}</source>
        <translation>重做(&amp;R) {command}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Undo {command}</source>
        <translation>撤销(&amp;U) {command}</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start a new, empty project</source>
        <translation>新建一个空项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New from &amp;Example…</source>
        <translation>从示例新建(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start from one of the bundled example networks</source>
        <translation>从自带的示例网络开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a project file (.vnn)</source>
        <translation>打开项目文件 (.vnn)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the project under a new name</source>
        <translation>用新名称保存项目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the project as {what}</source>
        <translation>将项目导出为{what}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import Weights…</source>
        <translation>导入权重(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load trained weights (.pt, e.g. from the exported script) into this network</source>
        <translation>把训练好的权重（.pt，例如由导出的脚本保存）载入此网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close visualnn</source>
        <translation>关闭 visualnn</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+25"/>
        <source>Undo the last edit (Ctrl+Z)</source>
        <translation>撤销上一次编辑 (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+25"/>
        <source>Redo the edit undone last (Ctrl+Shift+Z)</source>
        <translation>重做刚撤销的编辑 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cut the selected layers</source>
        <translation>剪切选中的层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the selected layers</source>
        <translation>复制选中的层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paste layers</source>
        <translation>粘贴层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate</source>
        <translation>复制一份(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duplicate the selected layers</source>
        <translation>复制一份选中的层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the selected layers and connections</source>
        <translation>删除选中的层和连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rename the selected layer (its id)</source>
        <translation>重命名选中的层（它的 id）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select every layer</source>
        <translation>选中所有层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the whole network</source>
        <translation>显示整个网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Auto-arrange</source>
        <translation>自动排列(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lay the network out left to right</source>
        <translation>从左到右排列网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Follow the system&apos;s light or dark setting</source>
        <translation>跟随系统的浅色或深色设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use the light theme</source>
        <translation>使用浅色主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use the dark theme</source>
        <translation>使用深色主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Projector</source>
        <translation>投影仪(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High contrast, thick lines and colours that colour-blind viewers tell apart</source>
        <translation>高对比度、粗线条，以及色盲观众也能分辨的颜色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show visualnn in this language</source>
        <translation>用这种语言显示 visualnn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About visualnn</source>
        <translation>关于 visualnn(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version and credits</source>
        <translation>版本与致谢</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Layer Reference</source>
        <translation>层参考(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every layer type: what it does, its formula, shapes and parameters</source>
        <translation>每种层：作用、公式、形状和参数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tool&amp;bars</source>
        <translation>工具栏(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../visualnn/gui/app.py" line="+97"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open elsewhere</source>
        <translation>已在别处打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{name}” is also open in another visualnn window (process {pid}). Saving in both overwrites one&apos;s changes with the other&apos;s.</source>
        <translation>“{name}”也在另一个 visualnn 窗口中打开（进程 {pid}）。两边都保存会互相覆盖更改。</translation>
    </message>
</context>
<context>
    <name>autosave</name>
    <message>
        <location filename="../../visualnn/gui/autosave.py" line="+44"/>
        <source>Open elsewhere</source>
        <translation>已在别处打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{name}” is open in another visualnn window (process {pid}). Saving in both overwrites one&apos;s changes with the other&apos;s. Open it anyway?</source>
        <translation>“{name}”已在另一个 visualnn 窗口中打开（进程 {pid}）。两边都保存会互相覆盖更改。仍然打开吗？</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Restored “{name}” as autosaved at {when}</source>
        <translation>已恢复“{name}”在 {when} 自动保存的版本</translation>
    </message>
</context>
<context>
    <name>canvas_live</name>
    <message>
        <location filename="../../visualnn/gui/live/canvas_live.py" line="+201"/>
        <source>hidden state over time</source>
        <translation>隐藏状态随时间的变化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>attention weights</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>input {h}×{w}</source>
        <translation>输入 {h}×{w}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} maps {h}×{w}</source>
        <translation>{n} 张特征图 {h}×{w}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 map {h}×{w}</source>
        <translation>1 张特征图 {h}×{w}</translation>
    </message>
    <message>
        <location filename="../../visualnn/gui/live/edge_layer.py" line="+348"/>
        <source>{node}: block of weights [{rows}, {cols}], mean {value}</source>
        <translation>{node}：权重块 [{rows}, {cols}]，平均值 {value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{weight}, gradient {grad}</source>
        <translation>{weight}，梯度 {grad}</translation>
    </message>
    <message>
        <location filename="../../visualnn/gui/live/neuron_column.py" line="+169"/>
        <source>{node} neuron {i}: activation {value}, mean |gradient| {grad}</source>
        <translation>{node} 神经元 {i}：激活值 {value}，平均 |梯度| {grad}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{node} neuron {i}: activation {value}</source>
        <translation>{node} 神经元 {i}：激活值 {value}</translation>
    </message>
</context>
<context>
    <name>clipboard</name>
    <message>
        <location filename="../../visualnn/gui/canvas/clipboard.py" line="+64"/>
        <source>the clipboard is empty</source>
        <translation>剪贴板是空的</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+19"/>
        <source>the clipboard holds no layers</source>
        <translation>剪贴板里没有层</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>the clipboard holds no layers (not visualnn JSON)</source>
        <translation>剪贴板里没有层（不是 visualnn 的 JSON）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the clipboard holds no layers (no &quot;nodes&quot; list)</source>
        <translation>剪贴板里没有层（没有 &quot;nodes&quot; 列表）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the clipboard&apos;s &quot;edges&quot; must be a list</source>
        <translation>剪贴板中的 &quot;edges&quot; 必须是列表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the clipboard&apos;s layers are broken: {e}</source>
        <translation>剪贴板中的层已损坏：{e}</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../visualnn/gui/commands.py" line="+38"/>
        <source>Add {type_name}</source>
        <translation>添加 {type_name}</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+240"/>
        <source>Delete {node}</source>
        <translation>删除 {node}</translation>
    </message>
    <message>
        <location line="-239"/>
        <source>Delete {n_ids} layers</source>
        <translation>删除 {n_ids} 个层</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Connect {src} → {dst}</source>
        <translation>连接 {src} → {dst}</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+199"/>
        <source>Disconnect {src} → {dst}</source>
        <translation>断开 {src} → {dst}</translation>
    </message>
    <message>
        <location line="-183"/>
        <source>Move {node}</source>
        <translation>移动 {node}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move {n} layers</source>
        <translation>移动 {n} 个层</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Edit {node}</source>
        <translation>编辑 {node}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Set {node_id}.{name}</source>
        <translation>设置 {node_id}.{name}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rename {old} → {new}</source>
        <translation>重命名 {old} → {new}</translation>
    </message>
    <message>
        <location line="+178"/>
        <source>Set {node} init</source>
        <translation>设置 {node} 的初始化</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>a node &apos;{id}&apos; already exists</source>
        <translation>节点 &apos;{id}&apos; 已存在</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change {setting}</source>
        <translation>修改 {setting}</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Replace graph</source>
        <translation>替换网络图</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Delete {n} items</source>
        <translation>删除 {n} 项</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{action} ({n} layers)</source>
        <translation>{action}（{n} 个层）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{action} (1 layer)</source>
        <translation>{action}（1 个层）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Add {type_name} after {src}</source>
        <translation>在 {src} 后添加 {type_name}</translation>
    </message>
    <message>
        <location filename="../../visualnn/gui/stepthrough/commands.py" line="+35"/>
        <source>node {node}: cannot build the network ({e})</source>
        <translation>节点 {node}：无法构建网络（{e}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>node {node}: has no parameters</source>
        <translation>节点 {node}：没有参数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>an index is needed</source>
        <translation>需要一个索引</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{where}: {value!r} is not a number</source>
        <translation>{where}：{value!r} 不是数字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: must be a finite number</source>
        <translation>{where}：必须是有限的数</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>node {node}: {param}</source>
        <translation>节点 {node}：{param}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>node {node}: no parameter &apos;{param}&apos; (it has: {value})</source>
        <translation>节点 {node}：没有参数 &apos;{param}&apos;（它有：{value}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}: an index is needed</source>
        <translation>{where}：需要一个索引</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+48"/>
        <source>{where}: index out of range</source>
        <translation>{where}：索引超出范围</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Set {name} = {value}</source>
        <translation>设置 {name} = {value}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>data: unknown table part {which!r}</source>
        <translation>数据：未知的表格部分 {which!r}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>data: {which} can be typed in only for table data (this project uses {value!r} data)</source>
        <translation>数据：只有表格数据才能直接输入 {which}（此项目使用 {value!r} 数据）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>data {which} row {row}</source>
        <translation>数据 {which} 第 {row} 行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{where}: the row is a single number</source>
        <translation>{where}：这一行只有一个数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Set {which} row {row} = {value}</source>
        <translation>设置 {which} 第 {row} 行 = {value}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import weights</source>
        <translation>导入权重</translation>
    </message>
</context>
<context>
    <name>context_menu</name>
    <message>
        <location filename="../../visualnn/gui/canvas/context_menu.py" line="+35"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate</source>
        <translation>复制一份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete {n_sel} layers</source>
        <translation>删除 {n_sel} 个层</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disconnect</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disconnect {n_edges} edges</source>
        <translation>断开 {n_edges} 条连接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-arrange</source>
        <translation>自动排列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to view</source>
        <translation>适应视图</translation>
    </message>
</context>
<context>
    <name>data_import</name>
    <message>
        <location filename="../../visualnn/gui/panels/data_import.py" line="+46"/>
        <source>Use this data</source>
        <translation>使用这些数据</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+39"/>
        <source>Import {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>First rows of &lt;b&gt;{name}&lt;/b&gt;:</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; 的前几行：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The column the network learns to predict; the other columns are its inputs</source>
        <translation>网络要学习预测的列；其他列是它的输入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{n} images in {k} classes: {classes}</source>
        <translation>{k} 个类别中共 {n} 张图像：{classes}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import IDX files</source>
        <translation>导入 IDX 文件</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{images} holds {n} images but {labels} {k} labels</source>
        <translation>{images} 有 {n} 张图像，但 {labels} 有 {k} 个标签</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} images of {h}×{w} pixels, {k} classes</source>
        <translation>{n} 张 {h}×{w} 像素的图像，{k} 个类别</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Import a CSV file</source>
        <translation>导入 CSV 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import an image folder (one sub-folder per class)</source>
        <translation>导入图像文件夹（每个类别一个子文件夹）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import IDX images</source>
        <translation>导入 IDX 图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IDX files (*idx3* *.idx *.gz *-ubyte);;All files (*)</source>
        <translation>IDX 文件 (*idx3* *.idx *.gz *-ubyte);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import the matching IDX labels</source>
        <translation>导入对应的 IDX 标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IDX files (*idx1* *.idx *.gz *-ubyte);;All files (*)</source>
        <translation>IDX 文件 (*idx1* *.idx *.gz *-ubyte);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>data_match</name>
    <message>
        <location filename="../../visualnn/gui/panels/data_match.py" line="+44"/>
        <source>Input is {shape}, data gives {data_shape}</source>
        <translation>Input 是 {shape}，数据是 {data_shape}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Input takes {dtype} values, data gives {data_dtype}</source>
        <translation>Input 接受 {dtype} 值，数据给出 {data_dtype}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{n} classes</source>
        <translation>{n} 个类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} target values</source>
        <translation>{n} 个目标值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{node} gives {n} outputs, data has {what}</source>
        <translation>{node} 有 {n} 个输出，数据有 {what}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Match the network to the data</source>
        <translation>让网络匹配数据</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Set {inp}.shape</source>
        <translation>设置 {inp}.shape</translation>
    </message>
</context>
<context>
    <name>data_preview</name>
    <message>
        <location filename="../../visualnn/gui/panels/data_preview.py" line="+57"/>
        <source>No data</source>
        <translation>没有数据</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{n} samples of shape {shape}</source>
        <translation>{n} 个形状为 {shape} 的样本</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot draw this data: {why}</source>
        <translation>无法绘制这些数据：{why}</translation>
    </message>
</context>
<context>
    <name>dataset_panel</name>
    <message>
        <location filename="../../visualnn/gui/panels/dataset_panel.py" line="-15"/>
        <source>The data the network learns from</source>
        <translation>网络学习所用的数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a CSV file: numeric columns, one target column</source>
        <translation>导入 CSV 文件：数值列，外加一个目标列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images…</source>
        <translation>图像…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a folder with one sub-folder of images per class</source>
        <translation>导入一个文件夹，每个类别的图像放在一个子文件夹中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IDX…</source>
        <translation>IDX…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import MNIST-style IDX image and label files</source>
        <translation>导入 MNIST 格式的 IDX 图像和标签文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Share of the samples held out to test the network (never trained on)</source>
        <translation>留作测试网络的样本比例（从不用于训练）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the Input shape (and the output size) of the network to fit this data</source>
        <translation>设置网络的 Input 形状（和输出大小）以适应这些数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test split</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YOUR OWN DATA</source>
        <translation>你自己的数据</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inline rows</source>
        <translation>内嵌的行</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The project has no data yet: choose a data set.</source>
        <translation>项目还没有数据：请选择一个数据集。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No data to show</source>
        <translation>没有可显示的数据</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>{n} classes</source>
        <translation>{n} 个类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>regression, {n} target values</source>
        <translation>回归，{n} 个目标值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>regression, 1 target value</source>
        <translation>回归，1 个目标值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{samples} samples ({train} train, {test} test) · input {shape} · {what}</source>
        <translation>{samples} 个样本（训练 {train}，测试 {test}）· 输入 {shape} · {what}</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Use the {name} data</source>
        <translation>使用 {name} 数据</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Set data {name}</source>
        <translation>设置数据 {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set the test split</source>
        <translation>设置测试集比例</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import {kind} data</source>
        <translation>导入 {kind} 数据</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Rows of a CSV file: numeric input columns and a target column.</source>
        <translation>CSV 文件的行：数值输入列和一个目标列。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images from a folder with one sub-folder per class.</source>
        <translation>来自文件夹的图像，每个类别一个子文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images and labels from IDX files (the MNIST format).</source>
        <translation>来自 IDX 文件（MNIST 格式）的图像和标签。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows given in the project file.</source>
        <translation>写在项目文件中的行。</translation>
    </message>
</context>
<context>
    <name>editing</name>
    <message>
        <location filename="../../visualnn/gui/canvas/editing.py" line="+87"/>
        <source>Auto-arrange</source>
        <translation>自动排列</translation>
    </message>
</context>
<context>
    <name>expand</name>
    <message>
        <location filename="../../visualnn/gui/stepthrough/expand.py" line="+52"/>
        <source>neuron {j} of {total}</source>
        <translation>第 {j} 个神经元（共 {total} 个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>neuron {j} of {total} (first sample of the batch)</source>
        <translation>第 {j} 个神经元（共 {total} 个，批量中的第一个样本）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>({n} more, together {sum})</source>
        <translation>（另有 {n} 项，合计 {sum}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>receptive field: rows {rows}, columns {cols} ({n} values of padding)</source>
        <translation>感受野：第 {rows} 行，第 {cols} 列（{n} 个填充值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>receptive field: rows {rows}, columns {cols}</source>
        <translation>感受野：第 {rows} 行，第 {cols} 列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>output pixel {pos}</source>
        <translation>输出像素 {pos}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>output pixel {pos} (first sample of the batch)</source>
        <translation>输出像素 {pos}（批量中的第一个样本）</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../visualnn/gui/stepthrough/export.py" line="+18"/>
        <source>Markdown worksheet (*.md)</source>
        <translation>Markdown 练习单 (*.md)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LaTeX worksheet (*.tex)</source>
        <translation>LaTeX 练习单 (*.tex)</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+5"/>
        <location line="+10"/>
        <source>Export worksheet</source>
        <translation>导出练习单</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>There is no trace to export yet: the network cannot be traced (see the message in the step-through panel).</source>
        <translation>还没有可导出的追踪：无法追踪该网络（请看单步演示面板中的消息）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{path}: cannot write the worksheet ({e})</source>
        <translation>{path}：无法写入练习单（{e}）</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <location filename="../../visualnn/gui/files.py" line="-257"/>
        <source>visualnn projects (*.vnn);;All files (*)</source>
        <translation>visualnn 项目 (*.vnn);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PyTorch code…</source>
        <translation>PyTorch 代码…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Python files (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ONNX model…</source>
        <translation>ONNX 模型…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picture (PNG)…</source>
        <translation>图片 (PNG)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picture (SVG)…</source>
        <translation>图片 (SVG)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG pictures (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>gallery</name>
    <message>
        <location filename="../../visualnn/gui/gallery.py" line="-45"/>
        <location line="+24"/>
        <source>cannot read the file</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>{n} layers</source>
        <translation>{n} 个层</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>New from an example</source>
        <translation>从示例新建</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Start from a bundled example or lesson. It opens as a new, untitled project.</source>
        <translation>从自带的示例或课程开始。它会作为一个新的未命名项目打开。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>drawing…</source>
        <translation>正在绘制…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No examples are installed.</source>
        <translation>没有安装任何示例。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>no description</source>
        <translation>无说明</translation>
    </message>
</context>
<context>
    <name>gradcheck_view</name>
    <message>
        <location filename="../../visualnn/gui/stepthrough/gradcheck_view.py" line="+22"/>
        <source>node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>index</source>
        <translation>索引</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>analytic dE/dw</source>
        <translation>解析梯度 dE/dw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>numeric (central difference)</source>
        <translation>数值梯度（中心差分）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>relative error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comparing every gradient with a finite-difference estimate...</source>
        <translation>正在把每个梯度与有限差分估计值比较…</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>the gradients agree</source>
        <translation>梯度一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>close, but check the largest errors</source>
        <translation>接近，但请检查误差最大的几项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>some gradients disagree</source>
        <translation>部分梯度不一致</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} values checked</source>
        <translation>检查了 {n} 个值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} values checked (a seeded sample of {n} of the {total} values)</source>
        <translation>检查了 {n} 个值（从 {total} 个值中按随机种子抽取 {n} 个）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Largest relative error {worst}&lt;/b&gt;: {verdict}. {checked}, eps = {eps}; relative error = |analytic - numeric| / max(|analytic|, |numeric|).</source>
        <translation>&lt;b&gt;最大相对误差 {worst}&lt;/b&gt;：{verdict}。{checked}，eps = {eps}；相对误差 = |解析 - 数值| / max(|解析|, |数值|)。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;Gradient check failed: {message}&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c62828&apos;&gt;梯度检验失败：{message}&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>help_dialogs</name>
    <message>
        <location filename="../../visualnn/gui/help_dialogs.py" line="+18"/>
        <source>Layer reference</source>
        <translation>层参考</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every layer visualnn knows, as in the palette. Types and parameters are PyTorch&apos;s, minus the sizes taken from the incoming tensor.</source>
        <translation>visualnn 支持的所有层，与层面板一致。类型名和参数与 PyTorch 相同，只是省去了从输入张量推断出的尺寸。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;i&gt;Shapes:&lt;/i&gt; {shapes}</source>
        <translation>&lt;i&gt;形状：&lt;/i&gt;{shapes}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Layer reference — visualnn</source>
        <translation>层参考 — visualnn</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>About visualnn</source>
        <translation>关于 visualnn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>See neural networks learn: build a network on the canvas, pick a data set, press Play and watch activations, gradients and the loss change as PyTorch trains it. Step through one update to see every number of the forward pass, the chain rule and the weight update.</source>
        <translation>看神经网络如何学习：在画布上搭建网络，选择数据集，按“播放”，观察 PyTorch 训练时激活值、梯度和损失的变化。单步演示一次更新，查看前向传播、链式法则和权重更新中的每一个数值。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Made with PySide6, pyqtgraph, NumPy and PyTorch. MIT licence.</source>
        <translation>使用 PySide6、pyqtgraph、NumPy 和 PyTorch 制作。MIT 许可证。</translation>
    </message>
</context>
<context>
    <name>inspector</name>
    <message>
        <location filename="../../visualnn/gui/panels/inspector.py" line="-76"/>
        <source>The layer&apos;s id: its name in the project file, the exported code and the trained state</source>
        <translation>层的 id：它在项目文件、导出的代码和训练状态中的名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The tensor shape this layer outputs, per sample (the batch dimension is left out)</source>
        <translation>这一层输出的张量形状，按单个样本计（不含批量维度）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learnable values (weights and biases) of this layer</source>
        <translation>这一层的可学习参数（权重和偏置）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{group} layer</source>
        <translation>{group}层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown layer type</source>
        <translation>未知的层类型</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What the layer computes</source>
        <translation>这一层计算的内容</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Output shape &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>输出形状 &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output shape unknown (fix the problems upstream)</source>
        <translation>输出形状未知（请先修正上游的问题）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n:,} learnable parameters</source>
        <translation>{n:,} 个可学习参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No learnable parameters</source>
        <translation>没有可学习参数</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../visualnn/gui/canvas/labels.py" line="+50"/>
        <source>unknown type</source>
        <translation>未知类型</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} token ids</source>
        <translation>{n} 个词元 id</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} features</source>
        <translation>{n} 个特征</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 feature</source>
        <translation>1 个特征</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{c} ch, {h}×{w} image</source>
        <translation>{c} 通道，{h}×{w} 图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{t} steps × {f}</source>
        <translation>{t} 步 × {f}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>→ {n} out</source>
        <translation>→ {n} 输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>→ {n} out, no bias</source>
        <translation>→ {n} 输出，无偏置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} ch</source>
        <translation>{n} 通道</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+11"/>
        <source>stride {s}</source>
        <translation>步幅 {s}</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+10"/>
        <source>pad {s}</source>
        <translation>填充 {s}</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>dil {s}</source>
        <translation>膨胀 {s}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{n} hidden</source>
        <translation>{n} 隐藏单元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} layers</source>
        <translation>{n} 个层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bi</source>
        <translation>双向</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>all steps</source>
        <translation>所有时间步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>last step</source>
        <translation>最后一步</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} heads</source>
        <translation>{n} 个头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 head</source>
        <translation>1 个头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, drop {p}</source>
        <translation>，丢弃 {p}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>slope {s}</source>
        <translation>斜率 {s}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>along dim {d}</source>
        <translation>沿维度 {d}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>to one vector</source>
        <translation>展平为向量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dims {a}..{b}</source>
        <translation>维度 {a}..{b}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tanh approx.</source>
        <translation>tanh 近似</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>per feature</source>
        <translation>按特征</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per channel</source>
        <translation>按通道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per sample</source>
        <translation>按样本</translation>
    </message>
</context>
<context>
    <name>live_views</name>
    <message>
        <location filename="../../visualnn/gui/panels/boundary.py" line="-92"/>
        <source>test accuracy {value} %</source>
        <translation>测试准确率 {value} %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accuracy {value} %</source>
        <translation>准确率 {value} %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>batch loss {value}</source>
        <translation>批量损失 {value}</translation>
    </message>
    <message>
        <location filename="../../visualnn/gui/panels/curves.py" line="-197"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location filename="../../visualnn/gui/panels/grad_norms.py" line="+151"/>
        <location filename="../../visualnn/gui/panels/weights_hist.py" line="+67"/>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>⚠ {node}: gradient norm {norm} &gt; {high} (exploding): try a smaller learning rate</source>
        <translation>⚠ {node}：梯度范数 {norm} &gt; {high}（梯度爆炸）：试试更小的学习率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>⚠ {node}: gradient norm {norm} &lt; {low} (vanishing): try ReLU or a better initialisation</source>
        <translation>⚠ {node}：梯度范数 {norm} &lt; {low}（梯度消失）：试试 ReLU 或更好的初始化</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>☠ {node}: {dead} of {total} ReLU units dead (zero for each of the {rows} samples checked)</source>
        <translation>☠ {node}：{total} 个 ReLU 单元中有 {dead} 个已死亡（在检查的 {rows} 个样本上输出都为零）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>✓ every layer&apos;s gradient norm is between {low} and {high}</source>
        <translation>✓ 每一层的梯度范数都在 {low} 和 {high} 之间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✓ no dead ReLU units ({units} in {layers}, {rows} samples checked)</source>
        <translation>✓ 没有死亡的 ReLU 单元（{layers} 中共 {units} 个，检查了 {rows} 个样本）</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Gradient norms appear when training runs</source>
        <translation>训练开始后显示梯度范数</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>grad norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location filename="../../visualnn/gui/panels/samples_strip.py" line="+15"/>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Test samples — {wrong} of {n} wrong</source>
        <translation>测试样本 — {n} 个中错了 {wrong} 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test samples</source>
        <translation>测试样本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For image data sets</source>
        <translation>适用于图像数据集</translation>
    </message>
    <message>
        <location filename="../../visualnn/gui/panels/timeline.py" line="+48"/>
        <source>Drag back to see the network as it was at an earlier step</source>
        <translation>向回拖动，查看网络在较早某一步时的样子</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no frames yet</source>
        <translation>还没有帧</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>● Live</source>
        <translation>● 实时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow training again</source>
        <translation>重新跟随训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>step {step} · epoch {epoch}</source>
        <translation>第 {step} 步 · 第 {epoch} 轮</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>step {step} · epoch {epoch}  (past)</source>
        <translation>第 {step} 步 · 第 {epoch} 轮（过去）</translation>
    </message>
    <message>
        <location filename="../../visualnn/gui/panels/weights_hist.py" line="-44"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whose weights to show</source>
        <translation>显示哪一层的权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>weight value</source>
        <translation>权重值</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>{size:,} weights · mean {value:+.3f} · std {value2:.3f}</source>
        <translation>{size:,} 个权重 · 均值 {value:+.3f} · 标准差 {value2:.3f}</translation>
    </message>
</context>
<context>
    <name>node_item</name>
    <message>
        <location filename="../../visualnn/gui/canvas/node_item.py" line="+135"/>
        <source>output {shape}</source>
        <translation>输出 {shape}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} learnable parameters</source>
        <translation>{n} 个可学习参数</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>{count} params</source>
        <translation>{count} 参数</translation>
    </message>
</context>
<context>
    <name>palette</name>
    <message>
        <location filename="../../visualnn/gui/panels/palette.py" line="+40"/>
        <source>Shapes: {shapes}</source>
        <translation>形状：{shapes}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag onto the canvas, or double-click to append after the selection.</source>
        <translation>拖到画布上，或双击以添加到选中层之后。</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Search layers…</source>
        <translation>搜索层…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter the layers by name or description</source>
        <translation>按名称或说明筛选层</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+20"/>
        <source>{group} layers: {n}</source>
        <translation>{group}层：{n} 个</translation>
    </message>
</context>
<context>
    <name>panel</name>
    <message>
        <location filename="../../visualnn/gui/stepthrough/panel.py" line="+44"/>
        <source>Gradient check…</source>
        <translation>梯度检验…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare every analytic gradient with a finite-difference estimate</source>
        <translation>把每个解析梯度与有限差分估计值比较</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Worksheet…</source>
        <translation>练习单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the whole trace as Markdown, CSV or LaTeX tables for students</source>
        <translation>把整个追踪导出为给学生的 Markdown、CSV 或 LaTeX 表格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hand-set numbers</source>
        <translation>手动设定数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(double-click a value; Ctrl+Z undoes)</source>
        <translation>（双击一个值；Ctrl+Z 撤销）</translation>
    </message>
</context>
<context>
    <name>param_widgets</name>
    <message>
        <location filename="../../visualnn/gui/panels/param_widgets.py" line="+194"/>
        <source>Give height and width separately ([h, w]); off: one number for both</source>
        <translation>分别给出高度和宽度（[h, w]）；关闭：两者用同一个数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size (height when h × w is on)</source>
        <translation>大小（打开 h × w 时为高度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>e.g. 1, 8, 8</source>
        <translation>例如 1, 8, 8</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>needs at least one number</source>
        <translation>至少需要一个数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>whole numbers separated by commas, e.g. 1, 8, 8</source>
        <translation>用逗号分隔的整数，例如 1, 8, 8</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every number must be &gt;= {minimum}</source>
        <translation>每个数都必须 &gt;= {minimum}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Set a value (off: the layer&apos;s default)</source>
        <translation>设定一个值（关闭：使用该层的默认值）</translation>
    </message>
</context>
<context>
    <name>pictures</name>
    <message>
        <location filename="../../visualnn/gui/stepthrough/pictures.py" line="+78"/>
        <source>W of {node} (row j = neuron j)</source>
        <translation>{node} 的 W（第 j 行 = 第 j 个神经元）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>input, channel 1 (framed: the winners)</source>
        <translation>输入，通道 1（框出：最大值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>output, channel 1</source>
        <translation>输出，通道 1</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>input, channel 1</source>
        <translation>输入，通道 1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <location line="+2"/>
        <location line="+23"/>
        <location line="+4"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>mask m / (1 - p) (0: dropped)</source>
        <translation>掩码 m / (1 - p)（0：被丢弃）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>x_hat (normalised)</source>
        <translation>x_hat（归一化后）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>h_t over time (row t)</source>
        <translation>h_t 随时间变化（第 t 行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>gate {g} over time</source>
        <translation>门 {g} 随时间变化</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>looked-up rows E[x_t] (row t)</source>
        <translation>查到的行 E[x_t]（第 t 行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>attention weights, head {value} (row: query, column: key)</source>
        <translation>注意力权重，第 {value} 个头（行：查询，列：键）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>input {value} ({src})</source>
        <translation>输入 {value}（{src}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>input channel {channel} (framed: the receptive field)</source>
        <translation>输入通道 {channel}（框出：感受野）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>kernel W[{out}], input channel {channel}</source>
        <translation>卷积核 W[{out}]，输入通道 {channel}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>output map {out} (framed: this pixel)</source>
        <translation>输出特征图 {out}（框出：这个像素）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>p (softmax), y (one-hot), p - y</source>
        <translation>p（softmax），y（独热），p - y</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>output (row 1) and target (row 2)</source>
        <translation>输出（第 1 行）和目标（第 2 行）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>∂E/∂{name} (all of it)</source>
        <translation>∂E/∂{name}（全部）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>∂E/∂(attention weights), head 1</source>
        <translation>∂E/∂(注意力权重)，第 1 个头</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>∂E/∂h_t over time (row t)</source>
        <translation>∂E/∂h_t 随时间变化（第 t 行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>∂E/∂(output)</source>
        <translation>∂E/∂(输出)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>change of {name} (new - old)</source>
        <translation>{name} 的变化量（新 - 旧）</translation>
    </message>
</context>
<context>
    <name>project_page</name>
    <message>
        <location filename="../../visualnn/gui/panels/project_page.py" line="+25"/>
        <source>Rename project to {name}</source>
        <translation>把项目重命名为 {name}</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>The project&apos;s name (shown in the title bar and the example gallery)</source>
        <translation>项目名称（显示在标题栏和示例库中）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a layer on the canvas to edit its parameters.</source>
        <translation>在画布上选择一个层来编辑它的参数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} layers selected: {ids}</source>
        <translation>选中了 {n} 个层：{ids}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} problems: {list}</source>
        <translation>{n} 个问题：{list}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 problem: {list}</source>
        <translation>1 个问题：{list}</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../visualnn/gui/status.py" line="+22"/>
        <source>Learnable parameters (weights and biases) of the whole network</source>
        <translation>整个网络的可学习参数（权重和偏置）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom: the mouse wheel or Ctrl +/-; Ctrl+0 fits the whole network</source>
        <translation>缩放：鼠标滚轮或 Ctrl +/-；Ctrl+0 显示整个网络</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{total} parameters</source>
        <translation>{total} 个参数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>valid: output {shape}</source>
        <translation>有效：输出 {shape}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network is valid; {n} layers</source>
        <translation>网络有效；共 {n} 层</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} problems:</source>
        <translation>{n} 个问题：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 problem:</source>
        <translation>1 个问题：</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <location filename="../../visualnn/gui/live/integration.py" line="-183"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>Train (Space plays and pauses)</source>
        <translation>训练（空格键播放 / 暂停）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>One update on one mini-batch (Ctrl+Right)</source>
        <translation>在一个小批量上做一次更新 (Ctrl+Right)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch</source>
        <translation>一轮</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train to the end of this epoch</source>
        <translation>训练到本轮结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start again from the seed (the curves keep this run, faded)</source>
        <translation>从随机种子重新开始（曲线会以淡色保留这次运行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep weights</source>
        <translation>保留权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the trained weights the project&apos;s own: saved with it, and Reset comes back to them (undoable)</source>
        <translation>把训练好的权重变成项目自己的：随项目保存，重置时回到它们（可撤销）</translation>
    </message>
</context>
<context>
    <name>values_editor</name>
    <message>
        <location filename="../../visualnn/gui/stepthrough/values_editor.py" line="+59"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sample input</source>
        <translation>样本输入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sample target</source>
        <translation>样本目标</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The data is &apos;{kind}&apos;: only table data can be typed in.</source>
        <translation>数据类型是 &apos;{kind}&apos;：只有表格数据才能直接输入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sample {s} is not in the table.</source>
        <translation>样本 {s} 不在表格中。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row {s} of the table&apos;s inputs.</source>
        <translation>表格输入的第 {s} 行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row {s} of the table&apos;s targets.</source>
        <translation>表格目标的第 {s} 行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} before the update.</source>
        <translation>更新前的 {name}。</translation>
    </message>
</context>
</TS>
