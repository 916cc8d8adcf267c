#pragma once
// An ordered list the user builds from a set of candidates: the list with
// Remove, Up and Down beside it and the candidate choice with Add below it (the
// choice gets the whole width, for long channel names). Ctrl+Up and Ctrl+Down
// move the selected entry, Delete removes it, and entries can be dragged. A
// candidate already listed is not offered again. The channel editor uses one
// for the codecs (numbered: the order is the priority) and one for the failover
// targets (the order they are tried in).

#include <QIcon>
#include <QList>
#include <QString>
#include <QWidget>

class QComboBox;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace cc::ui {

class OrderedListEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderedListEditor)

public:
    // One entry, listed or offered: `id` is what the list stands for, `label`
    // what the user reads.
    struct Entry
    {
        QString id;
        QString label;
        QIcon icon;
    };

    explicit OrderedListEditor(QWidget *parent = nullptr);

    // Names the parts for code ("<prefix>List", "<prefix>Choice",
    // "<prefix>AddButton", "<prefix>RemoveButton", "<prefix>UpButton",
    // "<prefix>DownButton") and for assistive technology after `noun`
    // ("Add codec", "Move codec up").
    void setNames(const QString &objectPrefix, const QString &noun, const QString &listName);
    // Shows each entry's position in front of it ("1.  OPUS").
    void setNumbered(bool numbered);

    // The listed entries, replacing what was there; does not emit `changed`.
    void setEntries(const QList<Entry> &entries);
    QStringList ids() const;
    // What Add can take from; the ones already listed are left out. The choice
    // stays on the same candidate when it is still offered.
    void setCandidates(const QList<Entry> &candidates);

    QListWidget *list() const { return m_list; }
    QComboBox *choice() const { return m_choice; }
    // Puts `widget` right under the list (a message about the list, say).
    void addBelowList(QWidget *widget);

signals:
    // The user added, removed or moved an entry.
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addChosen();
    void removeCurrent();
    void moveCurrent(int delta);
    void relabel();
    void refreshChoice();
    void updateButtons();

    QListWidget *m_list;
    QVBoxLayout *m_listColumn;
    QComboBox *m_choice;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QList<Entry> m_candidates;
    bool m_numbered = false;
};

} // namespace cc::ui
