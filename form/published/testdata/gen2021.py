# Writes the 2021-format test reports of form/published/testdata (texts written for the tests).
import sys
S = "|"
def rows(vals_apply, active, review):
    R = []
    R.append(["第二十条第（一）项"])
    R.append(["信息内容","本年制发件数","本年废止件数","现行有效件数"])
    R.append(["规章"]+active["rules"])
    R.append(["行政规范性文件"]+active["normative"])
    R.append(["第二十条第（五）项"]); R.append(["信息内容","本年处理决定数量"]); R.append(["行政许可",active["license"]])
    R.append(["第二十条第（六）项"]); R.append(["信息内容","本年处理决定数量"]); R.append(["行政处罚",active["penalty"]]); R.append(["行政强制",active["coercion"]])
    R.append(["第二十条第（八）项"]); R.append(["信息内容","本年收费金额（单位：万元）"]); R.append(["行政事业性收费",active["fees"]])
    R.append("三、收到和处理政府信息公开申请情况")
    R.append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）","申请人情况"])
    R.append(["自然人","法人或其他组织","总计"])
    R.append(["商业企业","科研机构","社会公益组织","法律服务机构","其他"])
    labels = [("1",["一、本年新收政府信息公开申请数量"]),("2",["二、上年结转政府信息公开申请数量"]),
      ("3.1",["三、本年度办理结果","（一）予以公开"]),("3.2",["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"])]
    items3 = ["属于国家秘密","其他法律行政法规禁止公开","危及“三安全一稳定”","保护第三方合法权益","属于三类内部事务信息","属于四类过程性信息","属于行政执法案卷","属于行政查询事项"]
    for i,l in enumerate(items3):
        labels.append(("3.3.%d"%(i+1), (["（三）不予公开"] if i==0 else [])+["%d.%s"%(i+1,l)]))
    for i,l in enumerate(["本机关不掌握相关政府信息","没有现成信息需要另行制作","补正后申请内容仍不明确"]):
        labels.append(("3.4.%d"%(i+1), (["（四）无法提供"] if i==0 else [])+["%d.%s"%(i+1,l)]))
    for i,l in enumerate(["信访举报投诉类申请","重复申请","要求提供公开出版物","无正当理由大量反复申请","要求行政机关确认或重新出具已获取信息"]):
        labels.append(("3.5.%d"%(i+1), (["（五）不予处理"] if i==0 else [])+["%d.%s"%(i+1,l)]))
    for i,l in enumerate(["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请","申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请","其他"]):
        labels.append(("3.6.%d"%(i+1), (["（六）其他处理"] if i==0 else [])+["%d.%s"%(i+1,l)]))
    labels.append(("3.7",["（七）总计"])); labels.append(("4",["四、结转下年度继续办理"]))
    for code, ls in labels:
        R.append(ls + vals_apply(code))
    R.append("四、政府信息公开行政复议、行政诉讼情况")
    R.append(["行政复议","行政诉讼"])
    R.append(["结果维持","结果纠正","其他结果","尚未审结","总计","未经复议直接起诉","复议后起诉"])
    R.append(["结果维持","结果纠正","其他结果","尚未审结","总计"]*2)
    R.append(review)
    return R

def apply_vals(research="", overrides={}):
    data = {"1":(36,6,42),"2":(3,0,3),"3.1":(18,3,21),"3.2":(5,1,6),"3.3.4":(2,0,2),"3.3.6":(1,0,1),"3.4.1":(6,1,7),"3.4.2":(1,0,1),
            "3.5.1":(2,0,2),"3.5.2":(1,0,1),"3.6.1":(1,0,1),"3.7":(37,5,42),"4":(2,1,3)}
    data.update(overrides)
    def f(code):
        n,c,t = data.get(code,(0,0,0))
        return [str(n),str(c),research,"","","",str(t)]
    return f

ACTIVE = {"rules":["0","0","0"],"normative":["3","1","27"],"license":"1260","penalty":"158","coercion":"12","fees":"3.25"}
REVIEW = ["1","0","0","0","1","0","0","0","1","1","0","0","0","0","0"]

def text(rows, style, narrative):
    out = []
    head, mid, tail = narrative
    out += head
    out.append("二、主动公开政府信息情况")
    for r in rows:
        if isinstance(r,str):
            out.append(r); continue
        if style=="pipes":
            out.append("| " + " | ".join(r) + " |")
        elif style=="tabs":
            out.append("\t".join(r))
        elif style=="seed":
            for c in r:
                out.append((c+" |") if c else "|")
            out.append("||")
        elif style=="lines":
            out += r
    out += tail
    return "\n".join(out)+"\n"

HEAD = ["首页 > 政务公开 > 年度报告","示例县市场监督管理局2025年政府信息公开工作年度报告","发布时间：2026-01-20 09:00  来源：示例县市场监督管理局","",
  "本报告根据《中华人民共和国政府信息公开条例》编制。报告所列数据的统计期限自2025年1月1日至12月31日。如对本报告有疑问，请与示例县市场监督管理局办公室联系（电话：0000-1234567）。",
  "一、总体情况",
  "2025年，我局深入贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开。",
  "（一）主动公开",
  "全年制发行政规范性文件3件，废止1件，现行有效行政规范性文件27件。作出行政许可决定1260件、行政处罚决定158件，本年度行政事业性收费3.25万元。",
  "（二）依申请公开",
  "全年新收政府信息公开申请42件，上年结转3件，办结42件，其中予以公开21件，结转下年度继续办理3件。",
  "（三）政府信息管理","完善政府信息公开目录。",
  "（四）政府信息公开平台建设","优化门户网站专栏。",
  "（五）监督保障","全年发生政府信息公开行政复议1件，行政诉讼1件。"]
TAIL = ["五、存在的主要问题及改进情况","政策解读形式较为单一，下一步将丰富解读形式。",
  "六、其他需要报告的事项","本年度未收取信息处理费。","","示例县市场监督管理局","2026年1月20日","","版权所有：示例县人民政府  网站标识码 0000000000"]

def bad_head():
    h = list(HEAD)
    h[8] = "全年制发行政规范性文件3件，废止1件，现行有效行政规范性文件25件。作出行政许可决定1260件、行政处罚决定158件，本年度行政事业性收费3.25万元。"
    h[10] = "全年共收到政府信息公开申请40件，上年结转3件，办结42件，结转下年度继续办理3件。"
    return h

d = sys.argv[1]
open(d+"/r2021_pipes.txt","w").write(text(rows(apply_vals(),ACTIVE,REVIEW),"pipes",(HEAD,None,TAIL)))
open(d+"/r2021_seedstyle.txt","w").write(text(rows(apply_vals(),ACTIVE,REVIEW),"seed",(HEAD,None,TAIL)))
open(d+"/r2021_tabs_contradiction.txt","w").write(text(rows(apply_vals(),ACTIVE,REVIEW),"tabs",(bad_head(),None,TAIL)))
open(d+"/r2021_lines_slash.txt","w").write(text(rows(apply_vals(research="/"),dict(ACTIVE,fees="/"),REVIEW),"lines",(HEAD,None,TAIL)))
