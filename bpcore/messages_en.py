"""The English of every sentence bpcore and the chapters' code print
(:mod:`bpcore.i18n`): Chinese template → English template, with the same
``{fields}``. ``tests/test_i18n.py`` checks that every template passed to
``t`` in the package and the notebooks is here, with the same fields.

Written for an English-speaking student (the terms of Nielsen, CS231n and
d2l: layer, weighted input z, activation a, error term δ, learning rate η,
epoch, iteration), not word for word. A widget's words have no double
quotes or backslashes: slider names travel as JSON in an HTML attribute.
"""

EN: dict[str, str] = {
    # bpcore.i18n.listing: lists in the prose
    "{items}、{item}": "{items}, {item}",
    "{items} 和 {item}": "{items} and {item}",
    "{items}；{item}": "{items}; {item}",

    # bpcore.notebook.running_box: the running example so far
    "网络 $[2, 3, 1]$，两层都用 sigmoid；一批是异或的 $m = {m}$ 个样本（每列一个），"
    "$y = {y}$，损失为均方误差。":
        "Network $[2, 3, 1]$ with sigmoid in both layers; one batch of the $m = {m}$ XOR "
        "examples (one per column), $y = {y}$; mean squared error loss.",
    r"{{doc}}`ch1_forward`：$\hat{{y}} = a^{{(2)}} \approx {y_hat}$，$J \approx {J}$":
        r"{{doc}}`ch1_forward`: $\hat{{y}} = a^{{(2)}} \approx {y_hat}$, $J \approx {J}$",
    r"{{doc}}`ch2_output_delta`：$\delta^{{(2)}} \approx {delta}$":
        r"{{doc}}`ch2_output_delta`: $\delta^{{(2)}} \approx {delta}$",
    r"{{doc}}`ch3_backprop_deltas`：$\delta^{{(1)}} \approx {delta}$":
        r"{{doc}}`ch3_backprop_deltas`: $\delta^{{(1)}} \approx {delta}$",
    r"{{doc}}`ch4_param_grads`：$\partial J/\partial W^{{(2)}} \approx {dW2}$，"
    r"$\partial J/\partial b^{{(2)}} \approx {db2}$，"
    r"$\partial J/\partial W^{{(1)}} \approx {dW1}$，"
    r"$\partial J/\partial b^{{(1)}} \approx {db1}$":
        r"{{doc}}`ch4_param_grads`: $\partial J/\partial W^{{(2)}} \approx {dW2}$, "
        r"$\partial J/\partial b^{{(2)}} \approx {db2}$, "
        r"$\partial J/\partial W^{{(1)}} \approx {dW1}$, "
        r"$\partial J/\partial b^{{(1)}} \approx {db1}$",
    r"{{doc}}`ch5_update`：以 $\eta = {lr}$ 更新一次后，$J$ 从 ${J}$ 降到 ${J_new}$":
        r"{{doc}}`ch5_update`: after one update with $\eta = {lr}$, "
        r"$J$ falls from ${J}$ to ${J_new}$",

    # bpcore.widgets.html, bpcore.widgets.slider: every slider
    "以下控件需要运行中的 Python 内核 (live kernel)：在 JupyterLab、Binder 或 Colab "
    "里有效，在静态网页里不起作用。":
        "These controls need a running Python kernel (a live kernel): they work in "
        "JupyterLab, Binder or Colab, not in the static web page.",
    "播放": "Play",
    "暂停": "Pause",
    "停止并回到开头": "Stop and go back to the start",
    "循环播放": "Loop",
    "▶ {play}，■ {stop}": "▶ {play}, ■ {stop}",
    "{label}（序号）": "{label} (index)",
    "层": "layer",

    # bpcore.widgets.layers: step 1 and steps 2–3, layer by layer (chapters 1, 3)
    "显示第 i = {i} 个样本（共 m = {m} 个）。": "Showing example i = {i} (of m = {m}).",
    "输入 a⁽⁰⁾ = x = {x}（第 i = {i} 个样本）": "the input a⁽⁰⁾ = x = {x} (example i = {i})",
    "第 1 步 正向传播，l = 0：输入层 a⁽⁰⁾ = x = {x}（第 i = {i} 个样本）。":
        "Step 1, forward propagation, l = 0: the input layer a⁽⁰⁾ = x = {x} "
        "(example i = {i}).",
    "{z} 和 {a}（第 i = {i} 个样本）": "{z} and {a} (example i = {i})",
    "第 1 步 正向传播，l = {l}：{z}，{a}（σ{s} = {name}，第 i = {i} 个样本）"
    "；ŷ = a⁽ᴸ⁾，整批的损失 J = {J}。":
        "Step 1, forward propagation, l = {l}: {z}, {a} (σ{s} = {name}, example i = {i}); "
        "ŷ = a⁽ᴸ⁾, loss over the whole batch J = {J}.",
    "第 1 步 正向传播，l = {l}：{z}，{a}（σ{s} = {name}，第 i = {i} 个样本）。":
        "Step 1, forward propagation, l = {l}: {z}, {a} (σ{s} = {name}, example i = {i}).",
    "网络示意图：第 {l} 层高亮，节点上写着 {shown}；连线红色为正权重、蓝色为负权重，"
    "粗细表示 |w|。":
        "Network diagram with layer {l} highlighted, its nodes showing {shown}; red edges "
        "are positive weights, blue ones negative, and the width shows |w|.",
    "l = 0：输入层，a⁽⁰⁾ = x": "l = 0: the input layer, a⁽⁰⁾ = x",
    "l = {l}：计算第 {l} 层，{z} = {W}{a_prev} + {b}（式 {eq_z}），"
    "{a} = σ{s}({z})（式 {eq_a}，σ{s} = {name}）":
        "l = {l}: computing layer {l}, {z} = {W}{a_prev} + {b} (Eq. {eq_z}), "
        "{a} = σ{s}({z}) (Eq. {eq_a}, σ{s} = {name})",
    "ŷ = a⁽ᴸ⁾；整批的损失 J = {J}（式 {eq}，{loss}）":
        "ŷ = a⁽ᴸ⁾; loss over the whole batch J = {J} (Eq. {eq}, {loss})",
    "左：网络示意图，第 {l} 层高亮，节点上是 {delta}（第 i = {i} 个样本；"
    "红正蓝负，颜色越深绝对值越大），{W} 的连线加粗；"
    "右：各层 ‖δ⁽ˡ⁾‖（整批）的柱状图：{bars}，第 {l} 层标出。":
        "Left: network diagram with layer {l} highlighted, its nodes showing {delta} "
        "(example i = {i}; red positive, blue negative, darker for a larger absolute value), "
        "the edges of {W} in bold. Right: bar chart of ‖δ⁽ˡ⁾‖ for each layer "
        "(whole batch): {bars}, layer {l} marked.",
    "左：网络示意图，第 {l} 层高亮，节点上是 {delta}（第 i = {i} 个样本；"
    "红正蓝负，颜色越深绝对值越大）；"
    "右：各层 ‖δ⁽ˡ⁾‖（整批）的柱状图：{bars}，第 {l} 层标出。":
        "Left: network diagram with layer {l} highlighted, its nodes showing {delta} "
        "(example i = {i}; red positive, blue negative, darker for a larger absolute value). "
        "Right: bar chart of ‖δ⁽ˡ⁾‖ for each layer (whole batch): {bars}, layer {l} marked.",
    "第 3 步 误差反向传播，l = {l}：{delta}（第 i = {i} 个样本），‖{d}‖ = {norm}（整批）。":
        "Step 3, backpropagating the error, l = {l}: {delta} (example i = {i}), "
        "‖{d}‖ = {norm} (whole batch).",
    "第 2 步 输出层误差，l = {l}：{delta}（第 i = {i} 个样本），‖{d}‖ = {norm}（整批）。":
        "Step 2, the output-layer error, l = {l}: {delta} (example i = {i}), "
        "‖{d}‖ = {norm} (whole batch).",
    "l = {l}：{d} = ({W})ᵀ {d_next} ⊙ σ{s}′({z})（式 {eq}）":
        "l = {l}: {d} = ({W})ᵀ {d_next} ⊙ σ{s}′({z}) (Eq. {eq})",
    "l = L = {L}：输出层误差 δ⁽ᴸ⁾ = (ŷ − y)/m（式 {eq}）":
        "l = L = {L}: the output-layer error δ⁽ᴸ⁾ = (ŷ − y)/m (Eq. {eq})",
    "l = L = {L}：输出层误差 δ⁽ᴸ⁾ = ∂J/∂ŷ ⊙ σL′(z⁽ᴸ⁾)（式 {eq}）":
        "l = L = {L}: the output-layer error δ⁽ᴸ⁾ = ∂J/∂ŷ ⊙ σL′(z⁽ᴸ⁾) (Eq. {eq})",
    "‖{d}‖ = {norm}（整批）。显示第 i = {i} 个样本（共 m = {m} 个）。":
        "‖{d}‖ = {norm} (whole batch). Showing example i = {i} (of m = {m}).",
    "‖{d}‖ = {norm}（整批）。": "‖{d}‖ = {norm} (whole batch).",
    "{name}：‖{d}‖ = {norm}，‖{d}‖ / ‖δ⁽ᴸ⁾‖ = {ratio}":
        "{name}: ‖{d}‖ = {norm}, ‖{d}‖ / ‖δ⁽ᴸ⁾‖ = {ratio}",
    "{name} 的 ‖δ⁽¹⁾‖ … ‖{d_L}‖ = {norms}": "{name}: ‖δ⁽¹⁾‖ … ‖{d_L}‖ = {norms}",
    "{names} 网络各一行：第 {l} 层高亮，节点颜色表示 {d}（越浅越接近 0）；"
    "右侧柱状图为对数坐标下各层的 ‖δ⁽ˡ⁾‖（整批）：{bars}。":
        "One row per network ({names}), layer {l} highlighted, the node colors showing {d} "
        "(paler is closer to 0); on the right, ‖δ⁽ˡ⁾‖ of each layer (whole batch) as bars "
        "on a log scale: {bars}.",
    "第 3 步 误差反向传播，l = {l}：{lines}。":
        "Step 3, backpropagating the error, l = {l}: {lines}.",

    # bpcore.widgets.gradients: step 4 against finite differences (chapter 4)
    "≤ {fine}：与数值梯度一致 ✓": "≤ {fine}: agrees with the numerical gradient ✓",
    "≥ {bug}：这一层的梯度有错 ✗": "≥ {bug}: the gradient of this layer is wrong ✗",
    "介于 {fine} 与 {bug} 之间：可疑，换几个参数点再查":
        "between {fine} and {bug}: suspicious, check again at a few other parameter values",
    "，图中数值 ∂J/∂{W} = {dW}、∂J/∂{b} = {db}":
        "; the numbers shown: ∂J/∂{W} = {dW}, ∂J/∂{b} = {db}",
    "（几乎全白）": " (almost all white)",
    "（有明显颜色：两者不一致）": " (clearly colored: the two disagree)",
    "l = {l}：{err}": "l = {l}: {err}",
    "三幅同一色标的热图（红正蓝负，白色为 0）：左为 {name} 算出的 ∂J/∂{W}"
    "（最右一列是 ∂J/∂{b}{values}），中为中心差分算出的同一矩阵，"
    "右为两者之差，最大 {max_diff}{white}；最右是各层相对误差的对数柱状图（{errors}），"
    "第 {l} 层标为橙色，虚线为 {fine} 与 {bug}。":
        "Three heat maps on one color scale (red positive, blue negative, white 0): on the "
        "left ∂J/∂{W} computed by {name} (the rightmost column is ∂J/∂{b}{values}), in the "
        "middle the same matrix by centered differences, on the right their difference, at "
        "most {max_diff}{white}. Far right, the relative error of each layer as bars on a "
        "log scale ({errors}), layer {l} in orange, dashed lines at {fine} and {bug}.",
    "第 4 步 参数梯度，l = {l}（反向传播函数 {name}）：相对误差 {err}，{verdict}；"
    "最大差 max|g − g̃| = {max_diff}。":
        "Step 4, parameter gradients, l = {l} (backward function {name}): relative error "
        "{err}, {verdict}; largest difference max|g − g̃| = {max_diff}.",
    "形状：{d} 是 {n_d}×m，{a} 是 {n_a}×m（m = {m}），∂J/∂{W} = {d}({a})ᵀ 是 "
    "{n_dW}×{n_w}，与 {W} 同形；∂J/∂{b} 是 {n_db}×1。":
        "Shapes: {d} is {n_d}×m and {a} is {n_a}×m (m = {m}), so ∂J/∂{W} = {d}({a})ᵀ is "
        "{n_dW}×{n_w}, the shape of {W}; ∂J/∂{b} is {n_db}×1.",
    "第 {l} 层的相对误差 ‖g − g̃‖/(‖g‖ + ‖g̃‖) = {err}，{verdict}":
        "Relative error of layer {l}: ‖g − g̃‖/(‖g‖ + ‖g̃‖) = {err}, {verdict}",
    "l = {l}：∂J/∂{W} = {d}({a})ᵀ（式 {eq_W}），∂J/∂{b} = Σᵢ {d}（式 {eq_b}）；"
    "反向传播函数：{name}":
        "l = {l}: ∂J/∂{W} = {d}({a})ᵀ (Eq. {eq_W}), ∂J/∂{b} = Σᵢ {d} (Eq. {eq_b}); "
        "backward function: {name}",
    "最大差 max|g − g̃| = {max_diff}；数值梯度用中心差分，ε = {eps}，float64，"
    "整批 m = {m} 个样本。":
        "Largest difference max|g − g̃| = {max_diff}; numerical gradient by centered "
        "differences, ε = {eps}, float64, on the whole batch of m = {m} examples.",

    # bpcore.widgets.training: η comparison, epoch replay, live training (chapter 5)
    "达到最大轮数": "the epoch limit was reached",
    "损失收敛": "the loss converged",
    "发散": "it diverged",
    "η = {lr}：第 1 轮就发散": "η = {lr}: diverged in the first epoch",
    "η = {lr}：{J0} → {J}（{n} 轮，随后发散）": "η = {lr}: {J0} → {J} ({n} epochs, then diverged)",
    "η = {lr}：{J0} → {J}（{n} 轮）": "η = {lr}: {J0} → {J} ({n} epochs)",
    "对数纵轴的损失曲线图，横轴为已完成的轮数；η = {lr} 的曲线加粗，"
    "其余学习率的曲线变淡。这条曲线先下降后急剧上升，在末端以叉号标出发散。"
    "各条曲线的起点与终点：{ends}。":
        "Loss curves on a log axis against the epochs completed; the curve of η = {lr} is "
        "bold, those of the other learning rates faint. This curve falls, then shoots up; "
        "a cross at its end marks the divergence. Start and end of each curve: {ends}.",
    "对数纵轴的损失曲线图，横轴为已完成的轮数；η = {lr} 的曲线加粗，"
    "其余学习率的曲线变淡。各条曲线的起点与终点：{ends}。":
        "Loss curves on a log axis against the epochs completed; the curve of η = {lr} is "
        "bold, those of the other learning rates faint. Start and end of each curve: {ends}.",
    "η = {lr}：J 从 {J0} 变为 {J}，共 {n} 轮，停止原因：{reason}。":
        "η = {lr}: J went from {J0} to {J} in {n} epochs; training stopped because {reason}.",
    "η = {lr}：第 1 轮就发散。": "η = {lr}: diverged in the first epoch.",
    "第 {next} 轮的损失已不是有限数，训练在这次更新之前停止，前 {n} 轮的记录保留。":
        "The loss of epoch {next} is not a finite number: training stopped before that "
        "update and kept the history of the {n} epochs before it.",
    "学习率 η = {lr}": "Learning rate η = {lr}",
    "第 5 步 参数更新，学习率的比较：{text}":
        "Step 5, parameter update, comparing learning rates: {text}",
    "学习率": "learning rate",
    "三幅图。左：对数纵轴的损失曲线（从第 0 轮的 J = {J0} 到第 {k} 轮的 J = {J_k}），"
    "第 {e} 轮处有一个橙色圆点，J = {J}；中：网络示意图，"
    "连线红色为正权重、蓝色为负权重，粗细表示权重绝对值（最大 {wmax}）；"
    "右：第 {e} 轮参数下的决策边界，"
    "两种底色是网络判给两个类别的区域，点是训练样本，训练集准确率 {acc}。":
        "Three plots. Left: the loss curve on a log axis (from J = {J0} at epoch 0 to "
        "J = {J_k} at epoch {k}), an orange dot at epoch {e}, J = {J}. Middle: the network, "
        "red edges positive weights, blue ones negative, the width the absolute weight "
        "(largest {wmax}). Right: the decision boundary of the parameters at epoch {e}; the "
        "two background colors are the regions the network assigns to the two classes, the "
        "dots are the training examples, training accuracy {acc}.",
    "训练了 e = {e} 轮后：J = {J}，训练集准确率 {acc}，"
    "最大的权重绝对值 {wmax}（中图线宽相对于它）。":
        "After e = {e} epochs of training: J = {J}, training accuracy {acc}, largest "
        "absolute weight {wmax} (the line widths of the middle plot are relative to it).",
    "第 {e} 轮 (epoch {e} / {last})": "Epoch {e} / {last}",
    "第 5 步 参数更新的回放，e = {e}：J = {J}，训练集准确率 {acc}。":
        "Step 5, replaying the parameter updates, e = {e}: J = {J}, "
        "training accuracy {acc}.",
    "轮 (epoch)": "epoch",
    "损失曲线，已训练 {n} 轮，J = {J}。": "Loss curve, epochs trained: {n}, J = {J}.",
    "损失曲线，已训练 {n} 轮。": "Loss curve, epochs trained: {n}.",

    # bpcore.widgets.classroom.draw: the frames of the classroom explorer
    "① 正向传播与损失": "① Forward pass and loss",
    "② 输出层误差": "② Output-layer error",
    "③ 反向传播误差": "③ Backpropagating the error",
    "④ 参数梯度": "④ Parameter gradients",
    "⑤ 更新参数": "⑤ Parameter update",
    "{z} = {z_i}，{a} = {a_i}（第 i = {i} 个样本）": "{z} = {z_i}, {a} = {a_i} (example i = {i})",
    "J = {J}（{loss}，整批 m = {m}）": "J = {J} ({loss}, whole batch, m = {m})",
    "{d} = {d_i}（第 i = {i} 个样本）": "{d} = {d_i} (example i = {i})",
    "∂J/∂{W} = {dW}，∂J/∂{b} = {db}（整批）": "∂J/∂{W} = {dW}, ∂J/∂{b} = {db} (whole batch)",
    "变化最大的权重 {w}：{before} → {after}":
        "the weight that changes most, {w}: {before} → {after}",
    "{T} 次更新之后 J = {J}（开始时 {J0}）": "after update {T}, J = {J} (at the start {J0})",
    "第 {k} 帧：{T} 次迭代之后的结果": "Frame {k}: the result after iteration {T}",
    "正向传播 l = {l}": "forward pass l = {l}",
    "损失 J": "loss J",
    "输出层误差 {d}": "output-layer error {d}",
    "反向传播 {d}": "backpropagating {d}",
    "参数梯度 l = {l}": "parameter gradients l = {l}",
    "更新参数": "parameter update",
    "第 {k} 帧：第 {it} 次迭代，{what}": "Frame {k}: iteration {it}, {what}",
    "{heading}：{numbers}。": "{heading}: {numbers}.",
    "第 {l} 层高亮，节点上写着 {z} 和 {a} 的值（第一行 z，第二行 a）":
        "layer {l} highlighted, the values of {z} and {a} on its nodes "
        "(z on the first line, a on the second)",
    "输出层高亮，节点上写着预测 ŷ 和目标 y":
        "the output layer highlighted, the prediction ŷ and the target y on its nodes",
    "第 {l} 层高亮，节点上是误差项 {d}（红正蓝负，颜色越深绝对值越大）":
        "layer {l} highlighted, the error term {d} on its nodes (red positive, blue negative, "
        "darker for a larger absolute value)",
    "第 {l_prev} 层的 a 和第 {l} 层的 δ 写在节点上，{W} 的连线加粗":
        "a of layer {l_prev} and δ of layer {l} on the nodes, the edges of {W} in bold",
    "更新之后的网络，连线粗细表示新的权重大小":
        "the network after the update, the edge widths showing the new weights",
    "最后一次更新之后的网络": "the network after the last update",
    "已算出的 J = {J}": "the loss so far, J = {J}",
    "还没有算出 J": "no J computed yet",
    "上方是本帧的公式，中间是网络示意图：{what}；连线红色为正权重、蓝色为负权重。"
    "本帧的数值：{numbers}。下方是损失 J 随更新次数变化的折线（{known}），"
    "当前的点用橙色标出。":
        "At the top, the equation of this frame; in the middle, the network diagram: {what}; "
        "red edges are positive weights, blue ones negative. The numbers of this frame: "
        "{numbers}. At the bottom, the loss J against the number of updates ({known}), "
        "the current point in orange.",
    "{T} 次更新之后：J = {J}（开始时 {J0}，变化 {change}%），学习率 η = {lr}。":
        "After update {T}: J = {J} (at the start {J0}, a change of {change}%), "
        "learning rate η = {lr}.",
    "ŷ（整批）": "ŷ (whole batch)",
    "J = <b>{J}</b>（{loss}，整批 m = {m}）": "J = <b>{J}</b> ({loss}, whole batch, m = {m})",
    "{d}（整批）": "{d} (whole batch)",
    "Σ 各列": "Σ over columns",
    "新 {name}": "new {name}",
    "变化最大的权重：{w}，{before} → {after}。":
        "The weight that changes most: {w}, {before} → {after}.",
    "{T} 次迭代之后（式 {eqs}）": "After iteration {T} (Eq. {eqs})",
    "正向传播，第 l = {l} 层": "forward pass, layer l = {l}",
    "误差项 δ，第 l = {l} 层": "error term δ, layer l = {l}",
    "参数梯度，第 l = {l} 层": "parameter gradients, layer l = {l}",
    "更新参数（η = {lr}）": "parameter update (η = {lr})",
    "第 {it} / {T} 次迭代 · {where}（式 {eqs}）": "Iteration {it} / {T} · {where} (Eq. {eqs})",
    "回顾：J 一直在下降吗？如果把学习率 η 调大十倍，这条曲线会怎样？":
        "Looking back: did J go down all the time? What would this curve do with a learning "
        "rate η ten times larger?",
    "新的一次迭代：参数已更新，J 会比上一次小吗？"
    "下一帧算 {z}：先猜它的符号和大小（看连线的颜色和粗细）。":
        "A new iteration: the parameters have been updated. Will J be smaller than last "
        "time? The next frame computes {z}: first guess its sign and size (look at the colors "
        "and widths of the edges).",
    "下一帧算 {z}：先猜它的符号和大小（看连线的颜色和粗细）。":
        "The next frame computes {z}: first guess its sign and size (look at the colors and "
        "widths of the edges).",
    "下一帧算损失 J：ŷ 离 y 近吗？J 大约是多少？":
        "The next frame computes the loss J: is ŷ close to y? Roughly how large is J?",
    "下一帧是输出层误差 {d}：它是正还是负？（ŷ 比 y 大还是小？）":
        "The next frame is the output-layer error {d}: is it positive or negative? "
        "(Is ŷ larger or smaller than y?)",
    "下一帧把误差传回第 {l} 层：{d} 的符号由什么决定？哪个神经元的误差最大？":
        "The next frame carries the error back to layer {l}: what decides the sign of {d}? "
        "Which neuron has the largest error?",
    "下一帧算 ∂J/∂{W}：哪一条连线的权重会变得最多？":
        "The next frame computes ∂J/∂{W}: the weight of which edge will change most?",
    "下一帧更新参数：每个权重往哪个方向变？η 大十倍会怎样？":
        "The next frame updates the parameters: which way does each weight move? "
        "What if η were ten times larger?",
    "下一帧看几次迭代之后的损失：J 降了多少？":
        "The next frame shows the loss after all the iterations: how much did J fall?",
    "节点上显示第 i = {i} 个样本（共 m = {m} 个）；J 和梯度用整批计算。":
        "The nodes show example i = {i} (of m = {m}); J and the gradients are computed on "
        "the whole batch.",
    "<b>问全班：</b>{question}": "<b>Ask the class:</b> {question}",

    # bpcore.widgets.classroom.explorer: the explorer's controls
    "帧": "frame",
    "回到第 0 帧": "Back to frame 0",
    "帧号（0 到 {last}）": "Frame number (0 to {last})",
    "每帧 {{}} 毫秒": "{{}} ms per frame",
    "每帧毫秒数": "milliseconds per frame",
    "速度：每帧毫秒数（越小越快）": "Speed: milliseconds per frame (smaller is faster)",
    "▶ 播放（再点一次暂停），■ 回到第 0 帧；点一下滑块后用 ← → 逐帧切换"
    "（Page Up / Page Down 一次 5 帧，Home / End 到头尾），"
    "数字框的 ▲▼ 也能前进、后退一帧。":
        "▶ plays (click again to pause), ■ goes back to frame 0; click the slider, then "
        "← → step one frame at a time (Page Up / Page Down five frames, Home / End to the "
        "first or last); the ▲▼ of the number box also step one frame forward or back.",
    "数据集、网络结构、学习率 η 和随机种子这几个选项要在 Python 里重新计算，"
    "需要运行中的内核 (live kernel)：在 JupyterLab、Voilà、Binder 或 Colab "
    "里才会出现；静态网页里只有播放和逐帧切换（它们不需要内核）。":
        "Data set, architecture, learning rate η and random seed are recomputed in Python "
        "and need a running kernel (a live kernel): these options appear only in JupyterLab, "
        "Voilà, Binder or Colab. The static web page has only Play and the frame-by-frame "
        "controls (they need no kernel).",
    "新种子 (new seed)": "New seed",
    "数据集": "data set",
    "结构": "architecture",
    "种子": "seed",
    "计算中…": "Computing…",
    "已重新计算：{n} 帧": "Recomputed: {n} frames",

    # book/appendix_shapes.ipynb: the shapes cheat-sheet
    "标量": "scalar",
    "<tr><th>量</th><th>符号形状</th><th>m = 1</th><th>m = 5</th><th>bpcore 中</th></tr>":
        "<tr><th>quantity</th><th>symbolic shape</th><th>m = 1</th><th>m = 5</th>"
        "<th>in bpcore</th></tr>",

    # book/ch2_output_delta.ipynb: the running example's δ⁽²⁾, entry by entry
    "量": "quantity",
    "样本 $i = {i}$": "example $i = {i}$",
    "目标 $y_{{1i}}$": "target $y_{{1i}}$",
    "预测 $\\hat{{y}}_{{1i}}$": "prediction $\\hat{{y}}_{{1i}}$",
    "加权输入 $z^{{(2)}}_{{1i}}$": "weighted input $z^{{(2)}}_{{1i}}$",
    "$\\delta^{{(2)}}_{{1i}}$（上两行相乘）":
        "$\\delta^{{(2)}}_{{1i}}$ (the product of the two rows above)",

    # book/ch3_backprop_deltas.ipynb
    "| 量 | 形状 |": "| quantity | shape |",
    "都缩小到约 {s} 倍": "each shrink it to about {s} times its length",
    "分别缩小到约 {s2} 倍和 {s1} 倍": "shrink it to about {s2} and {s1} times its length",

    # book/ch4_param_grads.ipynb
    "${name}$（梯度为正，它会被减小）": "${name}$ (its gradient is positive, so it decreases)",
    "${name}$（梯度为负，它会被增大）": "${name}$ (its gradient is negative, so it increases)",

    # book/ch5_update.ipynb
    "学习率 $\\eta$": "learning rate $\\eta$",
    "因子 $1 - \\eta(x^2+1)$": "factor $1 - \\eta(x^2+1)$",
    "$k = {k}$ 步": "step $k = {k}$",
    "一步后 $J = {J}$，只是浮点舍入误差":
        "after one step $J = {J}$, nothing but floating-point rounding error",
    "一步后 $J$ 恰好为 0": "after one step $J$ is exactly 0",

    # book/ch6_training.ipynb: the independent check by automatic differentiation
    "完全相同": "are identical",
    "相差 ${gap}$": "differ by ${gap}$",
    "autograd 与 bpcore 算出的损失值 $J$ {gap}，全部梯度的相对误差 ${rel_err} = {err}$"
    r"（$g$ 来自 bpcore，$\tilde g$ 来自 autograd），只是浮点舍入误差的量级。":
        "The loss values $J$ computed by autograd and by bpcore {gap}, and the relative error "
        "of all the gradients is ${rel_err} = {err}$ ($g$ from bpcore, $\\tilde g$ from "
        "autograd): no more than floating-point rounding error.",
    "生成本页时的环境里没有安装 PyTorch，所以这里只用 autograd 做了对照；"
    "在装有 PyTorch 的环境里运行本页，还会再用 PyTorch 的自动微分核对一次。":
        "PyTorch was not installed where this page was built, so the check here uses "
        "autograd only; run the page where PyTorch is installed and it checks once more "
        "with PyTorch's automatic differentiation.",
    "独立的自动微分库 autograd 在同一批数据上给出与 bpcore 相同的梯度"
    "（相对误差 ${err}$）：手推的五步公式经得起独立实现的检验。":
        "autograd, an independent automatic differentiation library, gives the same "
        "gradients as bpcore on the same batch (relative error ${err}$): the five steps "
        "derived by hand stand up to an independent implementation.",
    "生成本页时的环境里装有 PyTorch（版本 {version}），于是又用它的自动微分核对了一次："
    "损失值{gap}，梯度的相对误差为 ${err}$，同样只是舍入误差。":
        "PyTorch (version {version}) was installed where this page was built, so its "
        "automatic differentiation checked once more: the loss values {gap}, and the "
        "relative error of the gradients is ${err}$, again no more than rounding error.",
    "两个独立的自动微分实现 autograd 和 PyTorch 在同一批数据上都给出与 bpcore 相同的梯度"
    "（相对误差分别为 ${err_ag}$ 和 ${err_torch}$）：手推的五步公式经得起独立实现的检验。":
        "Two independent implementations of automatic differentiation, autograd and "
        "PyTorch, give the same gradients as bpcore on the same batch (relative errors "
        "${err_ag}$ and ${err_torch}$): the five steps derived by hand stand up to "
        "independent implementations.",

    # book/classroom.ipynb
    "第 {n} 个样本 $x = ({x1}, {x2})$": "example {n}, $x = ({x1}, {x2})$",

    # bpcore.widgets.live: the playground (chapter 7); every word its page
    # shows is here (words.py). Fields in braces the page fills in itself.
    "练习场需要浏览器运行 JavaScript：在网页版里打开本页即可使用。":
        "The playground needs JavaScript: open this page of the book in a browser.",
    # the controls (bpcore.widgets.live.words: labels lower case, as the explorer's)
    "异或（{m} 个点）": "XOR ({m} points)",
    "双月": "moons",
    "螺旋": "spirals",
    "圆环": "circles",
    "自己点的点": "your own points",
    "均方误差，sigmoid 输出": "mean squared error, sigmoid output",
    "交叉熵，softmax 输出": "cross-entropy, softmax output",
    "练习场的设置": "Playground settings",
    "隐藏层数": "hidden layers",
    "第 {k} 个隐藏层的宽度 {n_k}": "width {n_k} of hidden layer {k}",
    "隐藏层的激活函数": "hidden activation",
    "损失与输出层": "loss and output layer",
    "学习率 η": "learning rate η",
    "批量大小": "batch size",
    "整批": "full batch",
    "随机种子（0–{top}）": "random seed (0–{top})",
    "速度（每帧迭代次数）": "speed (iterations per frame)",
    "写出第 i 个样本的数": "write out example i",
    "在平面上单击，添加所选类别的点（按住 Shift 单击，添加另一类）；也可以输入坐标。":
        "Click the plane to add a point of the chosen class (Shift-click for the other "
        "class), or type its coordinates.",
    "新点的类别": "class of new points",
    "类别 0（蓝）": "class 0 (blue)",
    "类别 1（橙）": "class 1 (orange)",
    "添加点": "Add point",
    "清空所有点": "Remove all points",
    "单步": "Step",
    "做一次迭代：第 1–5 步各一遍，参数更新一次":
        "One iteration: steps 1–5 once, one update of the parameters",
    "重置": "Reset",
    "回到训练之前：同一个种子的初始参数":
        "Back to before training: the initial parameters of the same seed",
    "复制链接": "Copy link",
    "复制打开这一设置的链接": "Copy a link that opens this setup",
    "这一设置的链接": "Link to this setup",
    "数据与决策边界：底色是网络的判断，越深越有把握":
        "Data and decision boundary: the shade is the network's verdict, darker where it "
        "is surer",
    "网络：红线 w > 0，蓝线 w < 0，越粗 |w| 越大；圆点是第 i 个样本的 a⁽ˡ⁾":
        "Network: red lines w > 0, blue lines w < 0, thicker for a larger |w|; the nodes "
        "show a⁽ˡ⁾ of example i",
    "损失曲线：每轮的 J（对数坐标）": "Loss curve: J per epoch (log scale)",
    "各层误差项的大小 ‖δ⁽ˡ⁾‖（对数坐标）": "Size of each layer's error term ‖δ⁽ˡ⁾‖ (log scale)",
    "五步的公式和数": "The five steps with their numbers",
    # what a wrong link or entry is told
    "链接里的 “{part}” 无效：{why}": "The link's “{part}” is not valid: {why}",
    "键只能是 {keys}": "the keys are {keys}",
    "没有这个数据集": "there is no such data set",
    "层的大小写成 2-8-8-1：输入 2 个，0 到 {h} 个隐藏层，每层 1 到 {w} 个神经元":
        "write the sizes as 2-8-8-1: 2 inputs, then 0 to {h} hidden layers of 1 to {w} "
        "units each",
    "激活函数只能是 {names}": "the activation is one of {names}",
    "损失只能是 mse 或 cross_entropy": "the loss is mse or cross_entropy",
    "学习率 η 必须是大于 0 的数": "the learning rate η must be a positive number",
    "批量只能是 all 或 {sizes}": "the batch is all or one of {sizes}",
    "种子是 0 到 {top} 的整数": "the seed is a whole number from 0 to {top}",
    "速度只能是 {speeds}": "the speed is one of {speeds}",
    "样本编号 i 从 1 开始": "the example number i starts at 1",
    "每个点写成 x₁,x₂,类别（类别为 0 或 1），点与点之间用分号":
        "write each point as x₁,x₂,class (class 0 or 1), the points separated by semicolons",
    "损失 {loss} 的输出层有 {n} 个神经元，已按 {n} 个设置":
        "the loss {loss} needs an output layer of size {n}, so size {n} is used",
    "{what}必须是 {lo} 到 {hi} 的整数": "{what} must be a whole number from {lo} to {hi}",
    "第 {k} 个隐藏层的宽度": "the width of hidden layer {k}",
    "随机种子": "the random seed",
    "样本编号 i": "the example number i",
    "x₁ 和 x₂ 必须是数": "x₁ and x₂ must be numbers",
    # the status line, the summary, the live region, the canvases' text alternatives
    "已载入设置“{title}”（说明见这一节）。按“播放”开始训练。":
        "Loaded the setup “{title}” (explained in that section). Press Play to train.",
    "第 {epoch} 轮的损失变成了 {J}：训练在这次更新之前停下。η 太大了：调小 η，再按“重置”。":
        "The loss became {J} in epoch {epoch}: training stopped before that update. η is "
        "too large: make it smaller, then press Reset.",
    "还没有数据：在平面上点几个点（两类都要有）。":
        "No data yet: click a few points onto the plane (of both classes).",
    "第 {e} 轮，J = {J}，准确率 {acc}": "Epoch {e}, J = {J}, accuracy {acc}",
    "第 {e} 轮，J = {J}，准确率 {acc}（第 {t} 次迭代）":
        "Epoch {e}, J = {J}, accuracy {acc} (iteration {t})",
    "已添加点 ({x}, {y})，类别 {k}；共 {n} 个点。":
        "Added the point ({x}, {y}) of class {k}; points in all: {n}.",
    "链接已选中：按 Ctrl+C（Mac 上 ⌘C）复制。":
        "Link selected: press Ctrl+C (⌘C on a Mac) to copy it.",
    "已复制这一设置的链接。": "Copied the link to this setup.",
    "数据平面：{data}，{m} 个点（类别 0 蓝色 {n0} 个，类别 1 橙色 {n1} 个）；"
    "底色是网络的判断，此时准确率 {acc}；橙色圆圈标出第 {i} 个样本。":
        "Data plane: {data}, m = {m} (class 0 in blue: {n0}, class 1 in orange: {n1}); the "
        "shade is the network's verdict, accuracy now {acc}; an orange ring marks example {i}.",
    "网络 {sizes}，隐藏层 {act}，输出层 {out}；连线的颜色是权重的符号，粗细是大小。":
        "Network {sizes}, hidden layers {act}, output layer {out}; a line's color is its "
        "weight's sign, its width the weight's size.",
    "损失曲线：{n} 轮，第 1 轮 J = {J0}，最近一轮 J = {J}。":
        "Loss curve up to epoch {n}: J = {J0} in epoch 1, J = {J} in the last.",
    "各层误差项的大小，最近一轮：{norms}。":
        "Size of each layer's error term in the last epoch: {norms}.",
    "损失曲线：还没有训练。": "Loss curve: no training yet.",
    "各层误差项的大小：还没有训练。": "Size of each layer's error term: no training yet.",
    # the panel of the five steps
    "下一次迭代（第 {n} 次），样本 i = {i}：": "The next iteration (number {n}), example i = {i}:",
    "第 {n} 步：{title}": "Step {n}: {title}",
    "正向传播": "forward pass",
    "输出层的误差项": "the output-layer error",
    "误差反向传播": "backpropagating the error",
    "参数梯度（对 {m} 个样本求和）": "parameter gradients (sums over the examples, m = {m})",
    "{value}（m = {m}）": "{value} (m = {m})",
    "{product}，绝对值最大的是 {entry}": "{product}; the largest in size is {entry}",
    "没有隐藏层：δ⁽ᴸ⁾ 就是唯一的误差项，这一步不用做。":
        "No hidden layer: δ⁽ᴸ⁾ is the only error term, so there is nothing to do here.",
    "其余的每个权重和偏置都这样更新（式中的梯度见第 4 步）。":
        "Every other weight and bias is updated the same way (their gradients are in step 4).",
    "这里按整批 {m} 个样本计算；训练时每次迭代用 {B} 个样本的小批量，数会不同。":
        "Computed here on the whole set, m = {m}; training takes a mini-batch of size {B} "
        "at each iteration, so its numbers differ.",
    "{items}，{item}": "{items}, {item}",

    # book/ch7_playground.ipynb
    "{seed}（$J \\approx {level}$）": "{seed} ($J \\approx {level}$)",
}
