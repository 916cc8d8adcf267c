#include "ordered_list_editor.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QKeyEvent>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>

namespace cc::ui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kLabelRole = Qt::UserRole + 2;

QPushButton *smallButton(const QString &text, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setAutoDefault(false);
    return button;
}

// The key that moves the selected entry by one (-1 up, +1 down), or 0.
int moveDelta(const QKeyEvent *key)
{
    if (key->modifiers() != Qt::ControlModifier)
        return 0;
    if (key->key() == Qt::Key_Up)
        return -1;
    return key->key() == Qt::Key_Down ? 1 : 0;
}

bool removes(const QKeyEvent *key)
{
    return key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier;
}

} // namespace

OrderedListEditor::OrderedListEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_listColumn(new QVBoxLayout)
    , m_choice(new QComboBox(this))
    , m_add(smallButton(tr("Add"), this))
    , m_remove(smallButton(tr("Remove"), this))
    , m_up(smallButton(tr("Up"), this))
    , m_down(smallButton(tr("Down"), this))
{
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->installEventFilter(this);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    m_listColumn->setContentsMargins(0, 0, 0, 0);
    m_listColumn->setSpacing(2);
    m_listColumn->addWidget(m_list);
    grid->addLayout(m_listColumn, 0, 0);
    auto *side = new QVBoxLayout;
    side->addWidget(m_remove);
    side->addWidget(m_up);
    side->addWidget(m_down);
    side->addStretch(1);
    grid->addLayout(side, 0, 1);
    grid->addWidget(m_choice, 1, 0);
    grid->addWidget(m_add, 1, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &OrderedListEditor::updateButtons);
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        relabel();
        updateButtons();
        emit changed();
    });
    connect(m_add, &QPushButton::clicked, this, &OrderedListEditor::addChosen);
    connect(m_remove, &QPushButton::clicked, this, &OrderedListEditor::removeCurrent);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(+1); });
    updateButtons();
}

void OrderedListEditor::setNames(const QString &objectPrefix, const QString &noun, const QString &listName)
{
    m_list->setObjectName(objectPrefix + QLatin1String("List"));
    m_choice->setObjectName(objectPrefix + QLatin1String("Choice"));
    m_add->setObjectName(objectPrefix + QLatin1String("AddButton"));
    m_remove->setObjectName(objectPrefix + QLatin1String("RemoveButton"));
    m_up->setObjectName(objectPrefix + QLatin1String("UpButton"));
    m_down->setObjectName(objectPrefix + QLatin1String("DownButton"));
    m_list->setAccessibleName(listName);
    m_choice->setAccessibleName(tr("%1 to add").arg(noun));
    m_add->setAccessibleName(tr("Add %1").arg(noun));
    m_remove->setAccessibleName(tr("Remove %1").arg(noun));
    m_up->setAccessibleName(tr("Move %1 up").arg(noun));
    m_down->setAccessibleName(tr("Move %1 down").arg(noun));
    m_add->setToolTip(tr("Add the %1 chosen on the left to the end of the list").arg(noun));
    m_remove->setToolTip(tr("Remove the selected %1 (Delete)").arg(noun));
    m_up->setToolTip(tr("Move the selected %1 up (Ctrl+Up)").arg(noun));
    m_down->setToolTip(tr("Move the selected %1 down (Ctrl+Down)").arg(noun));
}

void OrderedListEditor::setNumbered(bool numbered)
{
    m_numbered = numbered;
    relabel();
}

void OrderedListEditor::setEntries(const QList<Entry> &entries)
{
    m_list->clear();
    for (const Entry &entry : entries) {
        auto *item = new QListWidgetItem(m_list);
        item->setData(kIdRole, entry.id);
        item->setData(kLabelRole, entry.label);
        item->setIcon(entry.icon);
    }
    relabel();
    refreshChoice();
}

QStringList OrderedListEditor::ids() const
{
    QStringList ids;
    for (int row = 0; row < m_list->count(); ++row)
        ids.append(m_list->item(row)->data(kIdRole).toString());
    return ids;
}

void OrderedListEditor::setCandidates(const QList<Entry> &candidates)
{
    m_candidates = candidates;
    refreshChoice();
}

void OrderedListEditor::addBelowList(QWidget *widget)
{
    m_listColumn->addWidget(widget);
}

bool OrderedListEditor::eventFilter(QObject *watched, QEvent *event)
{
    const bool key = event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride;
    if (watched != m_list || !key || !m_list->isEnabled())
        return QWidget::eventFilter(watched, event);
    const auto *keyEvent = static_cast<QKeyEvent *>(event);
    const int delta = moveDelta(keyEvent);
    if (delta == 0 && !removes(keyEvent))
        return QWidget::eventFilter(watched, event);
    // Claimed before any shortcut of the window sees it, then handled as a key.
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    if (delta != 0)
        moveCurrent(delta);
    else
        removeCurrent();
    return true;
}

void OrderedListEditor::addChosen()
{
    const QString id = m_choice->currentData().toString();
    if (id.isEmpty())
        return;
    auto *item = new QListWidgetItem(m_list);
    item->setData(kIdRole, id);
    item->setData(kLabelRole, m_choice->currentText());
    m_list->setCurrentItem(item);
    relabel();
    refreshChoice();
    emit changed();
}

void OrderedListEditor::removeCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    if (item == nullptr)
        return;
    delete item;
    relabel();
    refreshChoice();
    emit changed();
}

void OrderedListEditor::moveCurrent(int delta)
{
    const int row = m_list->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
    relabel();
    updateButtons();
    emit changed();
}

void OrderedListEditor::relabel()
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        const QString label = item->data(kLabelRole).toString();
        item->setText(m_numbered ? QStringLiteral("%1.  %2").arg(row + 1).arg(label) : label);
    }
}

void OrderedListEditor::refreshChoice()
{
    const QStringList listed = ids();
    const QSet<QString> used(listed.cbegin(), listed.cend());
    const QString current = m_choice->currentData().toString();
    m_choice->clear();
    for (const Entry &candidate : std::as_const(m_candidates)) {
        if (!used.contains(candidate.id))
            m_choice->addItem(candidate.icon, candidate.label, candidate.id);
    }
    const int keep = m_choice->findData(current);
    if (keep >= 0)
        m_choice->setCurrentIndex(keep);
    updateButtons();
}

void OrderedListEditor::updateButtons()
{
    const int row = m_list->currentRow();
    m_add->setEnabled(m_choice->count() > 0);
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_list->count());
}

} // namespace cc::ui
